import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { municipalityFromText } from "~/domain/municipalities";
import { decodeText, detectSeparator, ImportFileError, MAX_IMPORT_ROWS, readImportFile } from "~/models/employee-import-file.server";
import { importDate, mapHeaders, readRow } from "~/models/employee-import.server";

const TODAY = "2026-11-24";
const HEADER = "Medarbejdernummer;Navn;Fødselsdato;Bopælskommune;Ansat siden";

function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Windows-1252 for the Latin-1 range: æøå and friends are one byte each. */
function windows1252(text: string): Uint8Array {
  return Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
}

async function xlsx(rows: ExcelJS.CellValue[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Medarbejdere");
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe("reading an employee CSV", () => {
  it("reads semicolons, and commas when the header row has commas", async () => {
    const semi = await readImportFile({ bytes: bytes(`${HEADER}\n1;Søren;14.03.1968;751;01.08.2011\n`), fileName: "a.csv" });
    expect(semi.rows[0]!.cells).toEqual(["1", "Søren", "14.03.1968", "751", "01.08.2011"]);
    const comma = await readImportFile({ bytes: bytes(`${HEADER.replaceAll(";", ",")}\n1,"Åberg, Søren",14.03.1968,751,01.08.2011\n`), fileName: "a.csv" });
    expect(comma.rows[0]!.cells[1]).toBe("Åberg, Søren");
    expect(detectSeparator('"a;b",c,d\n')).toBe(",");
  });

  it("reads UTF-8 with and without a BOM, and Windows-1252 from Danish Excel", async () => {
    for (const data of [bytes(`\uFEFF${HEADER}\n1;Ærø Øst Åse;14.03.1968;751;01.08.2011`), bytes(`${HEADER}\n1;Ærø Øst Åse;14.03.1968;751;01.08.2011`), windows1252(`${HEADER}\n1;Ærø Øst Åse;14.03.1968;751;01.08.2011`)]) {
      const table = await readImportFile({ bytes: data, fileName: "a.csv" });
      expect(table.headers[0]).toBe("Medarbejdernummer");
      expect(table.headers[2]).toBe("Fødselsdato");
      expect(table.rows[0]!.cells[1]).toBe("Ærø Øst Åse");
    }
    expect(decodeText(windows1252("Søren"))).toBe("Søren");
  });

  it("numbers the rows by their line in the file and skips blank lines", async () => {
    const table = await readImportFile({ bytes: bytes(`${HEADER}\n1;A;01.01.1990;751;01.01.2020\n;;;;\n2;B;01.01.1990;751;01.01.2020\n`), fileName: "a.csv" });
    expect(table.rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it("refuses more than 50,000 rows and an empty file with a Danish message", async () => {
    const many = `${HEADER}\n${"1;A;01.01.1990;751;01.01.2020\n".repeat(MAX_IMPORT_ROWS + 1)}`;
    await expect(readImportFile({ bytes: bytes(many), fileName: "a.csv" })).rejects.toThrow(/højst have 50\.000 rækker/);
    await expect(readImportFile({ bytes: new Uint8Array(), fileName: "a.csv" })).rejects.toThrow(ImportFileError);
    const exactly = `${HEADER}\n${"1;A;01.01.1990;751;01.01.2020\n".repeat(MAX_IMPORT_ROWS)}`;
    expect((await readImportFile({ bytes: bytes(exactly), fileName: "a.csv" })).rows).toHaveLength(MAX_IMPORT_ROWS);
  });
});

describe("reading an employee .xlsx", () => {
  it("reads text, numbers and date cells as the Copenhagen calendar date", async () => {
    const file = await xlsx([
      ["Medarbejdernummer", "Navn", "Fødselsdato", "Bopælskommune", "Ansat siden", "Ugentlige timer"],
      [1001, "Søren Ærø", new Date(Date.UTC(1968, 2, 14)), 751, new Date(Date.UTC(2011, 7, 1)), 37.5],
    ]);
    const table = await readImportFile({ bytes: file, fileName: "medarbejdere.xlsx" });
    expect(table.rows[0]).toEqual({ line: 2, cells: ["1001", "Søren Ærø", "1968-03-14", "751", "2011-08-01", "37,5"] });
  });

  it("uses a formula's saved result and never its formula", async () => {
    const file = await xlsx([
      ["Medarbejdernummer", "Navn"],
      [{ formula: "1000+1", result: 1001 }, { formula: 'CONCAT("Sø","ren")', result: "Søren" }],
      [{ formula: "A2+1" }, "Uden resultat"],
    ]);
    const table = await readImportFile({ bytes: file, fileName: "a.xlsx" });
    expect(table.rows.map((r) => r.cells)).toEqual([
      ["1001", "Søren"],
      ["", "Uden resultat"],
    ]);
  });

  it("refuses a file named .xlsx that is not one", async () => {
    await expect(readImportFile({ bytes: bytes("not a workbook"), fileName: "a.xlsx" })).rejects.toThrow(/ikke en Excel-projektmappe/);
  });
});

describe("the values of a row", () => {
  it("reads dd.mm.åååå, dd-mm-åååå and ISO dates", () => {
    expect(importDate("14.03.1968")).toBe("1968-03-14");
    expect(importDate("4-3-1968")).toBe("1968-03-04");
    expect(importDate("1968-03-14")).toBe("1968-03-14");
    expect(importDate("14/3 1968")).toBe("14/3 1968");
  });

  it("finds a municipality by code or by name, with or without Kommune", () => {
    expect(municipalityFromText("751")?.code).toBe(751);
    expect(municipalityFromText("0751")?.code).toBe(751);
    expect(municipalityFromText("Århus")?.code).toBe(751);
    expect(municipalityFromText("Københavns Kommune")?.code).toBe(101);
    expect(municipalityFromText("hoeje-taastrup")?.code).toBe(169);
    expect(municipalityFromText("Bornholms Regionskommune")?.code).toBe(400);
    expect(municipalityFromText("Atlantis")).toBeNull();
    expect(municipalityFromText("999")).toBeNull();
  });

  it("accepts headers in any case and spelling of æ/ø/å, and names a missing required column", () => {
    const columns = mapHeaders(["MEDARBEJDERNUMMER", "navn", "Foedselsdato", "bopaelskommune", "Ansat  siden", "Ugentlige timer"]);
    expect([...columns.keys()]).toEqual(["employeeNumber", "name", "birthDate", "municipality", "employmentStartDate", "weeklyHours"]);
    expect(() => mapHeaders(["Navn", "Fødselsdato"])).toThrow("Filen mangler kolonnerne Medarbejdernummer, Bopælskommune, Ansat siden.");
  });

  it("refuses a row with the reasons in Danish, naming the column", () => {
    const columns = mapHeaders(["Medarbejdernummer", "Navn", "Fødselsdato", "Bopælskommune", "Ansat siden", "Postnummer"]);
    const bad = readRow(["", "", "31.02.1990", "Atlantis", "01.01.2020", "80"], columns, TODAY);
    expect(bad).toEqual({
      ok: false,
      reasons: [
        "Bopælskommune: «Atlantis» er ikke en dansk kommune. Skriv kommunekoden eller navnet.",
        "Navn: Indtast medarbejderens navn.",
        "Fødselsdato: Indtast en gyldig dato (dd.mm.åååå).",
        "Medarbejdernummer: Medarbejdernummeret skal udfyldes.",
        "Postnummer: Postnummeret skal være 4 cifre.",
      ],
    });
    const good = readRow(["7", "Ida", "05.05.1990", "Aarhus Kommune", "2020-01-01", "8000"], columns, TODAY);
    expect(good).toMatchObject({ ok: true, value: { employeeNumber: "7", birthDate: "1990-05-05", municipalityCode: "751", postalCode: "8000" } });
  });
});
