import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, migrateEngine, one } from "~db/client.server";
import { departments, employees, users } from "~db/schema";
import { seedDemoData } from "~/models/demo-seed.server";
import { employeeSchema, type EmployeeInput } from "~/forms/employee";
import { createEmployee, getEmployee, listDepartments, updateEmployee } from "~/models/employee.server";
import { ValidationError } from "~/utils/errors.server";
import { findSessionUser, startSession, type EmployerUser } from "~/models/user.server";

const today = "2026-11-24";
let nordbyg: EmployerUser;
let solskin: EmployerUser;

async function employerUser(email: string): Promise<EmployerUser> {
  const u = (await one(getDb().select().from(users).where(eq(users.email, email)).limit(1)))!;
  const session = await findSessionUser({ sessionId: await startSession({ userId: u.id, previousSessionId: null }) });
  if (session?.role !== "employer") throw new Error("not an employer");
  return session;
}

const base: EmployeeInput = {
  name: "Ida Vang",
  birthDate: "1990-05-05",
  municipalityCode: "751",
  employmentStartDate: "2020-01-01",
  employmentEndDate: undefined,
  jobTitle: "Lagerarbejder",
  weeklyHours: 37,
};

beforeAll(async () => {
  await migrateEngine();
  await seedDemoData(today);
  nordbyg = await employerUser("hr@nordbyg.example");
  solskin = await employerUser("hr@solskin.example");
});

describe("the employee record", () => {
  it("stores number, e-mail, department and home address, and creates a new department in the company", async () => {
    const e = await createEmployee({
      user: nordbyg,
      data: { ...base, employeeNumber: "7001", email: "ida@nordbyg.dk", departmentName: " Lager ", addressLine: "Havnegade 1", postalCode: "8000", city: "Aarhus C" },
    });
    const stored = await getEmployee({ companyId: nordbyg.company.id, employeeId: e.id });
    expect(stored).toMatchObject({ employeeNumber: "7001", email: "ida@nordbyg.dk", departmentName: "Lager", addressLine: "Havnegade 1", postalCode: "8000", city: "Aarhus C" });
    expect(await listDepartments(nordbyg.company.id)).toContain("Lager");
    expect(await listDepartments(solskin.company.id)).not.toContain("Lager");
  });

  it("picks an existing department whatever the case of the typed name", async () => {
    const e = await createEmployee({ user: nordbyg, data: { ...base, name: "Ole Vang", departmentName: "LAGER" } });
    const lager = (await getDb().select().from(departments).where(eq(departments.companyId, nordbyg.company.id))).filter((d) => d.name.toLowerCase() === "lager");
    expect(lager).toHaveLength(1);
    expect((await one(getDb().select().from(employees).where(eq(employees.id, e.id)).limit(1)))!.departmentId).toBe(lager[0]!.id);
  });

  it("refuses an employee number another employee of the company has, and allows it in another company", async () => {
    await expect(createEmployee({ user: nordbyg, data: { ...base, name: "Dobbelt", employeeNumber: "7001" } })).rejects.toThrow(ValidationError);
    await expect(createEmployee({ user: solskin, data: { ...base, name: "Andet firma", employeeNumber: "7001" } })).resolves.toBeDefined();
  });

  it("clears a field HR empties on edit", async () => {
    const e = await createEmployee({ user: nordbyg, data: { ...base, name: "Rydder Op", employeeNumber: "7002", city: "Aarhus" } });
    await updateEmployee({ user: nordbyg, employeeId: e.id, data: { ...base, name: "Rydder Op", employeeNumber: "7002" } });
    expect((await getEmployee({ companyId: nordbyg.company.id, employeeId: e.id })).city).toBeNull();
  });

  it("gives Danish messages for a bad postal code, e-mail and employee number", () => {
    const r = employeeSchema(today).safeParse({ ...base, weeklyHours: "37", postalCode: "800", email: "ida@", employeeNumber: "70 01" });
    expect(r.success).toBe(false);
    const messages = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toEqual({
      postalCode: "Postnummeret skal være 4 cifre.",
      email: "Indtast en gyldig e-mailadresse, fx navn@firma.dk.",
      employeeNumber: "Medarbejdernummeret må kun indeholde bogstaver, tal og tegnene . _ / -.",
    });
  });

  it("gives the demo employees numbers, departments and addresses", async () => {
    const soeren = (await one(getDb().select().from(employees).where(eq(employees.name, "Søren Ærø Åberg")).limit(1)))!;
    expect(soeren).toMatchObject({ employeeNumber: "1001", postalCode: "8000" });
    expect((await listDepartments(nordbyg.company.id)).length).toBeGreaterThanOrEqual(3);
  });
});
