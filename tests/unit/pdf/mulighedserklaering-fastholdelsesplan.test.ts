import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDocument, PDFCheckBox, PDFRadioGroup, PDFTextField } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { DOCUMENT_KINDS } from "~/documents";
import { renderPdf } from "~/pdf/render.server";
import { expectEveryFieldWithItsOwnValue, fieldsOf } from "../../support/pdf-fields";
import { fastholdelsesplanTemplate, type FastholdelsesplanPdfData } from "../../../templates/fastholdelsesplan";
import { DOCTOR_SOUNDNESS_OPTIONS, mulighedserklaeringTemplate, type MulighedserklaeringPdfData } from "../../../templates/mulighedserklaering";
import type { FormTemplate } from "../../../templates/types";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fasthold-pdf-me-"));

function text(bytes: Uint8Array, name: string) {
  const file = path.join(tmp, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  return {
    flat: execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " "),
    info: execFileSync("pdfinfo", [file], { encoding: "utf8" }),
  };
}

const declaration: MulighedserklaeringPdfData = {
  reference: "FH-000042",
  company: { name: "Søren Ærø Åberg ApS", cvr: "12972997" },
  employee: { name: "Łukasz Şahin", jobTitle: "Tømrer" },
  part1: {
    contactPerson: "Lise Holm",
    contactPhone: "12 34 56 78",
    functionalLimitations: "Kan ikke løfte over 5 kg. ".repeat(120).trim(),
    affectedFunctions: "Montage over skulderhøjde og tunge løft.",
    doctorAssessOnly: false,
    changedTasks: true,
    reducedHours: true,
    hoursPerWeek: 20,
    aids: false,
    gradualReturn: true,
    adjustmentsDescription: "Lettere opgaver ved montagebordet.",
    durationWeeks: 6,
    meetingDate: "2026-11-20",
    bothPresent: true,
  },
  doctorDeadline: "2026-12-04",
};

const DOCTOR_FIELDS = fieldsOf(mulighedserklaeringTemplate).filter((f) => f.filledBy === "doctor" && f.kind !== "signature");

describe("the mulighedserklæring PDF", () => {
  it("prints part 1 with names in any alphabet, Danish dates and every label, over pages with numbers", async () => {
    const bytes = await renderPdf(mulighedserklaeringTemplate, declaration, { companyName: declaration.company.name, generatedOn: "2026-11-20" });
    const { flat, info } = text(bytes, "mulighedserklaering");
    expect(flat).toContain("Łukasz Şahin");
    expect(flat).toContain("Søren Ærø Åberg ApS");
    expect(flat).toContain("20.11.2026");
    expect(flat).toContain("04.12.2026");
    expect(flat).toContain("Nedsat arbejdstid (20 timer om ugen)");
    expect(flat).toContain("6 uger");
    expect(flat).toContain("Sygedagpengeloven § 36 a");
    await expectEveryFieldWithItsOwnValue(mulighedserklaeringTemplate, declaration, { flat, bytes });
    for (const option of DOCTOR_SOUNDNESS_OPTIONS) expect(flat).toContain(option.label);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(flat).toContain(`Side ${pages} af ${pages}`);
    expect(info).toMatch(/Title:\s+Mulighedserklæring/);
    expect(info).toMatch(/Form:\s+AcroForm/);
  });

  it("gives the doctor a fillable field for every question of part 2, and part 1 none", async () => {
    const bytes = await renderPdf(mulighedserklaeringTemplate, declaration, { companyName: "Nordbyg ApS", generatedOn: "2026-11-20" });
    const doc = await PDFDocument.load(bytes);
    const form = doc.getForm();
    expect(form.getFields().map((f) => f.getName()).sort()).toEqual(DOCTOR_FIELDS.map((f) => f.name).sort());
    for (const field of DOCTOR_FIELDS) {
      const pdfField = form.getField(field.name);
      if (field.kind === "choice") {
        expect(pdfField).toBeInstanceOf(PDFRadioGroup);
        expect((pdfField as PDFRadioGroup).getOptions()).toEqual(field.options!.map((o) => o.value));
        (pdfField as PDFRadioGroup).select(field.options![0]!.value);
      } else if (field.kind === "checkbox") {
        expect(pdfField).toBeInstanceOf(PDFCheckBox);
        (pdfField as PDFCheckBox).check();
      } else {
        expect(pdfField).toBeInstanceOf(PDFTextField);
        expect(pdfField.isReadOnly()).toBe(false);
        (pdfField as PDFTextField).setText(`Svar på ${field.name}`);
      }
    }
    // What a doctor fills in survives a save, as in a PDF viewer.
    const filled = (await PDFDocument.load(await doc.save())).getForm();
    expect(filled.getTextField("doctorName").getText()).toBe("Svar på doctorName");
    expect(filled.getRadioGroup("doctorSoundness").getSelected()).toBe("ja");
  });

  it("prints the parties two to a row, so a usual part 1 fits on the first page and part 2 starts on the second", async () => {
    const usual = { ...declaration, part1: { ...declaration.part1, functionalLimitations: "Kan ikke løfte over 10 kg eller stå i længere tid." } };
    const bytes = await renderPdf(mulighedserklaeringTemplate, usual, { companyName: "Nordbyg ApS", generatedOn: "2026-11-20" });
    const file = path.join(tmp, "usual.pdf");
    fs.writeFileSync(file, bytes);
    const page = (n: number) => execFileSync("pdftotext", ["-layout", "-f", String(n), "-l", String(n), file, "-"], { encoding: "utf8" });
    const first = page(1);
    expect(first).toMatch(/Virksomhed {2,}CVR-nummer/);
    expect(first).toMatch(/Søren Ærø Åberg ApS {2,}12972997/);
    expect(first).toMatch(/Medarbejder {2,}Stilling/);
    expect(first).toContain("Lægens del bedes returneret senest");
    expect(page(2)).toContain("Del 2 – udfyldes af medarbejderens læge");
    expect(text(bytes, "usual").info).toMatch(/Pages:\s+3/);
  });

  it("refuses to print a field meant to be filled by hand in columns", async () => {
    const [parties] = mulighedserklaeringTemplate.sections;
    const broken: FormTemplate<MulighedserklaeringPdfData> = { ...mulighedserklaeringTemplate, sections: [{ ...parties!, fields: [...parties!.fields, DOCTOR_FIELDS[0]!] }] };
    await expect(renderPdf(broken, declaration, { companyName: "Nordbyg ApS", generatedOn: "2026-11-20" })).rejects.toThrow(/filled by hand/);
  });

  it("says the doctor is asked to assess without a proposal when the parties made none", async () => {
    const bytes = await renderPdf(
      mulighedserklaeringTemplate,
      { ...declaration, part1: { ...declaration.part1, doctorAssessOnly: true, changedTasks: false, reducedHours: false, gradualReturn: false, durationWeeks: undefined } },
      { companyName: "Nordbyg ApS", generatedOn: "2026-11-20" },
    );
    expect(text(bytes, "assess-only").flat).toContain("Ingen forslag – lægen bedes vurdere arbejdssituationen (punkt 5).");
  });
});

const plan: FastholdelsesplanPdfData = {
  reference: "FH-000007",
  company: { name: "Nordbyg ApS", cvr: "12972997" },
  employee: { name: "Søren Ærø Åberg", jobTitle: "Murer" },
  firstAbsenceDay: "2026-10-01",
  firstFollowUpDue: "2026-11-26",
  plan: {
    requestedOn: "2026-10-20",
    decision: "plan",
    goal: "Fuld tilbagevenden til murerarbejdet.",
    expectedReturnOn: "2027-01-04",
    steps: [
      { description: "Opstart med 3 timer om dagen", dueOn: "2026-11-30", responsible: "Lise Holm" },
      { description: "Fuld tid uden tunge løft", dueOn: "2026-12-14", responsible: "Łukasz Şahin" },
    ],
    adjustments: "Hejs til tunge materialer.",
    followUpPoints: "Opfølgning hver anden uge.",
    confirmNoDiagnosis: false,
    refusalReason: undefined,
  },
};

describe("the fastholdelsesplan PDF", () => {
  it("prints the plan with its steps, the follow-up target date and signature areas", async () => {
    const bytes = await renderPdf(fastholdelsesplanTemplate, plan, { companyName: "Nordbyg ApS", generatedOn: "2026-10-20" });
    const { flat, info } = text(bytes, "fastholdelsesplan");
    expect(flat).toContain("Søren Ærø Åberg");
    expect(flat).toContain("1. 30.11.2026: Opstart med 3 timer om dagen (ansvarlig: Lise Holm)");
    expect(flat).toContain("2. 14.12.2026: Fuld tid uden tunge løft (ansvarlig: Łukasz Şahin)");
    expect(flat).toContain("26.11.2026");
    expect(flat).toContain("Vi laver en fastholdelsesplan");
    expect(flat).toContain("Medarbejderens underskrift og dato");
    expect(info).toMatch(/Title:\s+Fastholdelsesplan/);
    expect((await PDFDocument.load(bytes)).getForm().getFields()).toHaveLength(0);
  });

  it("prints every field of a plan, and of a refusal, with a value of its own", async () => {
    const meta = { companyName: "Nordbyg ApS", generatedOn: "2026-10-20" };
    const planned = await renderPdf(fastholdelsesplanTemplate, plan, meta);
    await expectEveryFieldWithItsOwnValue(fastholdelsesplanTemplate, plan, { flat: text(planned, "plan-fields").flat, bytes: planned }, ["refusalReason"]);
    const refused: FastholdelsesplanPdfData = {
      ...plan,
      plan: { requestedOn: "2026-10-21", decision: "refused", refusalReason: "Afdelingen flytter til Vejle.", steps: [], confirmNoDiagnosis: false },
    };
    const refusal = await renderPdf(fastholdelsesplanTemplate, refused, meta);
    await expectEveryFieldWithItsOwnValue(fastholdelsesplanTemplate, refused, { flat: text(refusal, "refusal-fields").flat, bytes: refusal }, [
      "goal",
      "expectedReturnOn",
      "steps",
      "adjustments",
      "followUpPoints",
    ]);
  });

  it("prints a refusal with its reason and no plan", async () => {
    const refused: FastholdelsesplanPdfData = {
      ...plan,
      plan: { requestedOn: "2026-10-20", decision: "refused", refusalReason: "Virksomheden lukker afdelingen.", steps: [], confirmNoDiagnosis: false },
    };
    const { flat } = text(await renderPdf(fastholdelsesplanTemplate, refused, { companyName: "Nordbyg ApS", generatedOn: "2026-10-20" }), "refused");
    expect(flat).toContain("Arbejdsgiveren afslår at lave en plan");
    expect(flat).toContain("Virksomheden lukker afdelingen.");
    expect(flat).not.toContain("Fuld tilbagevenden");
  });
});

describe("a fastholdelsesplan with many steps", () => {
  const steps = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      description: `Trin nummer ${i + 1}: ${"Gradvis optrapning af opgaverne ved montagebordet med pauser. ".repeat(2).trim()}`,
      dueOn: `2026-12-${String(i + 1).padStart(2, "0")}`,
      responsible: i % 2 ? "Łukasz Şahin" : "Lise Holm",
    }));
  const pageTexts = (bytes: Uint8Array, name: string) => {
    const file = path.join(tmp, `${name}.pdf`);
    fs.writeFileSync(file, bytes);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))![1]);
    return Array.from({ length: pages }, (_, i) =>
      execFileSync("pdftotext", ["-layout", "-f", String(i + 1), "-l", String(i + 1), file, "-"], { encoding: "utf8" }).replace(/\s+/g, " "),
    );
  };

  it.each([12, 20])("prints all %i steps in order, flowing onto the next page with the label beside the first step", async (n) => {
    const many: FastholdelsesplanPdfData = { ...plan, plan: { ...plan.plan, steps: steps(n) } };
    const pages = pageTexts(await renderPdf(fastholdelsesplanTemplate, many, { companyName: "Nordbyg ApS", generatedOn: "2026-10-20" }), `steps-${n}`);
    expect(pages.length).toBeGreaterThan(1);
    const all = pages.join(" ");
    let from = 0;
    for (let i = 1; i <= n; i++) {
      const at = all.indexOf(`${i}. ${String(i).padStart(2, "0")}.12.2026: Trin nummer ${i}:`, from);
      expect(at, `step ${i}`).toBeGreaterThan(from - 1);
      from = at;
    }
    const withFirst = pages.findIndex((p) => p.includes("1. 01.12.2026: Trin nummer 1:"));
    expect(pages[withFirst]).toMatch(/\bTrin 1\. 01\.12\.2026/);
    expect(pages.at(-1)).toContain("Medarbejderens underskrift og dato");
  });
});

describe("a fastholdelsesplan stored when the form had three fixed rows", () => {
  it("still parses as stored and prints its three steps", async () => {
    const stored = {
      requestedOn: "2026-03-20",
      decision: "plan",
      goal: "Tilbage på fuld tid",
      steps: [
        { description: "Fire timer om dagen", dueOn: "2026-04-06", responsible: "Værkfører" },
        { description: "Seks timer om dagen", dueOn: "2026-04-20", responsible: "Værkfører" },
        { description: "Fuld tid", dueOn: "2026-05-04", responsible: "Lise Holm" },
      ],
    };
    const parsed = DOCUMENT_KINDS.fastholdelsesplan.parse(stored) as FastholdelsesplanPdfData["plan"];
    expect(parsed.steps).toEqual(stored.steps);
    const { flat } = text(await renderPdf(fastholdelsesplanTemplate, { ...plan, plan: parsed }, { companyName: "Nordbyg ApS", generatedOn: "2026-10-20" }), "three-rows");
    expect(flat).toContain("1. 06.04.2026: Fire timer om dagen (ansvarlig: Værkfører)");
    expect(flat).toContain("2. 20.04.2026: Seks timer om dagen (ansvarlig: Værkfører)");
    expect(flat).toContain("3. 04.05.2026: Fuld tid (ansvarlig: Lise Holm)");
  });
});
