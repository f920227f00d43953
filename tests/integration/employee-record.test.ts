import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, migrateDatabase } from "~db/client.server";
import { departments, employees, users } from "~db/schema";
import { seedDemoData } from "~/models/demo-seed.server";
import { employeeSchema, type EmployeeInput } from "~/forms/employee";
import { createEmployee, getEmployee, listDepartments, updateEmployee } from "~/models/employee.server";
import { ValidationError } from "~/utils/errors.server";
import { findSessionUser, startSession, type EmployerUser } from "~/models/user.server";

const today = "2026-11-24";
let nordbyg: EmployerUser;
let solskin: EmployerUser;

function employerUser(email: string): EmployerUser {
  const u = getDb().select().from(users).where(eq(users.email, email)).get()!;
  const session = findSessionUser({ sessionId: startSession({ userId: u.id, previousSessionId: null }) });
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
  migrateDatabase();
  await seedDemoData(getDb(), today);
  nordbyg = employerUser("hr@nordbyg.example");
  solskin = employerUser("hr@solskin.example");
});

describe("the employee record", () => {
  it("stores number, e-mail, department and home address, and creates a new department in the company", () => {
    const e = createEmployee({
      user: nordbyg,
      data: { ...base, employeeNumber: "7001", email: "ida@nordbyg.dk", departmentName: " Lager ", addressLine: "Havnegade 1", postalCode: "8000", city: "Aarhus C" },
    });
    const stored = getEmployee({ companyId: nordbyg.company.id, employeeId: e.id });
    expect(stored).toMatchObject({ employeeNumber: "7001", email: "ida@nordbyg.dk", departmentName: "Lager", addressLine: "Havnegade 1", postalCode: "8000", city: "Aarhus C" });
    expect(listDepartments(nordbyg.company.id)).toContain("Lager");
    expect(listDepartments(solskin.company.id)).not.toContain("Lager");
  });

  it("picks an existing department whatever the case of the typed name", () => {
    const e = createEmployee({ user: nordbyg, data: { ...base, name: "Ole Vang", departmentName: "LAGER" } });
    const lager = getDb().select().from(departments).where(eq(departments.companyId, nordbyg.company.id)).all().filter((d) => d.name.toLowerCase() === "lager");
    expect(lager).toHaveLength(1);
    expect(getDb().select().from(employees).where(eq(employees.id, e.id)).get()!.departmentId).toBe(lager[0]!.id);
  });

  it("refuses an employee number another employee of the company has, and allows it in another company", () => {
    expect(() => createEmployee({ user: nordbyg, data: { ...base, name: "Dobbelt", employeeNumber: "7001" } })).toThrow(ValidationError);
    expect(() => createEmployee({ user: solskin, data: { ...base, name: "Andet firma", employeeNumber: "7001" } })).not.toThrow();
  });

  it("clears a field HR empties on edit", () => {
    const e = createEmployee({ user: nordbyg, data: { ...base, name: "Rydder Op", employeeNumber: "7002", city: "Aarhus" } });
    updateEmployee({ user: nordbyg, employeeId: e.id, data: { ...base, name: "Rydder Op", employeeNumber: "7002" } });
    expect(getEmployee({ companyId: nordbyg.company.id, employeeId: e.id }).city).toBeNull();
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

  it("gives the demo employees numbers, departments and addresses", () => {
    const soeren = getDb().select().from(employees).where(eq(employees.name, "Søren Ærø Åberg")).get()!;
    expect(soeren).toMatchObject({ employeeNumber: "1001", postalCode: "8000" });
    expect(listDepartments(nordbyg.company.id).length).toBeGreaterThanOrEqual(3);
  });
});
