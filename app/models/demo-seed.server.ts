/**
 * Demo data for the local portal: two companies, two jobcenters and a few
 * open absences dated relative to the day of seeding, so the dashboard has
 * something due. Runs only on an empty database: never twice, never over real data.
 */
import { count } from "drizzle-orm";
import { absences, auditLog, companies, departments, employees, userDepartments, users } from "~db/schema";
import { addDays, type IsoDate } from "~/domain/dates";
import { computeDeadlines } from "~/domain/deadlines";
import { hashPassword } from "~/utils/password.server";
import { factsOf } from "./absence-facts.server";
import { syncCalendarEvents } from "./calendar-sync.server";
import { getDb, one, only, runTx } from "~db/client.server";

export const DEMO_PASSWORD = "demo-fasthold";

export const DEMO_LOGINS = [
  { email: "hr@nordbyg.example", who: "Nordbyg ApS (CVR 12972997), HR" },
  { email: "leder@nordbyg.example", who: "Nordbyg ApS, nærmeste leder for afdelingen Byggeplads" },
  { email: "hr@solskin.example", who: "Solskin Pleje A/S (CVR 44125242), HR" },
  { email: "aarhus@jobcenter.example", who: "Jobcenter Aarhus Kommune (751)" },
  { email: "koebenhavn@jobcenter.example", who: "Jobcenter Københavns Kommune (101)" },
] as const;

interface DemoEmployee {
  name: string;
  birthDate: IsoDate;
  municipalityCode: number;
  employmentStartDate: IsoDate;
  jobTitle: string;
  weeklyHours: number;
  employeeNumber: string;
  department: string;
  addressLine: string;
  postalCode: string;
  city: string;
}

const NORDBYG_EMPLOYEES: DemoEmployee[] = [
  { name: "Søren Ærø Åberg", birthDate: "1968-03-14", municipalityCode: 751, employmentStartDate: "2011-08-01", jobTitle: "Tømrer", weeklyHours: 37, employeeNumber: "1001", department: "Byggeplads", addressLine: "Vestergade 12, 2. th.", postalCode: "8000", city: "Aarhus C" },
  { name: "Łukasz Nowak", birthDate: "1985-11-02", municipalityCode: 751, employmentStartDate: "2019-04-01", jobTitle: "Murer", weeklyHours: 37, employeeNumber: "1002", department: "Byggeplads", addressLine: "Silkeborgvej 140", postalCode: "8220", city: "Brabrand" },
  { name: "Mette Kjær", birthDate: "1959-06-30", municipalityCode: 101, employmentStartDate: "2003-01-15", jobTitle: "Projektleder", weeklyHours: 37, employeeNumber: "1003", department: "Administration", addressLine: "Nørre Allé 7, 3. tv.", postalCode: "2200", city: "København N" },
  { name: "Jonas Bøgh", birthDate: "1994-01-21", municipalityCode: 101, employmentStartDate: "2021-09-01", jobTitle: "Elektriker", weeklyHours: 37, employeeNumber: "1004", department: "Installation", addressLine: "Amagerbrogade 88, st.", postalCode: "2300", city: "København S" },
  { name: "Aisha Hansen", birthDate: "1990-09-09", municipalityCode: 461, employmentStartDate: "2017-02-01", jobTitle: "Bogholder", weeklyHours: 30, employeeNumber: "1005", department: "Administration", addressLine: "Ryttergade 4", postalCode: "5000", city: "Odense C" },
  { name: "Per Østergaard", birthDate: "1963-12-24", municipalityCode: 461, employmentStartDate: "1998-05-01", jobTitle: "Værkfører", weeklyHours: 37, employeeNumber: "1006", department: "Byggeplads", addressLine: "Tarupvej 31", postalCode: "5210", city: "Odense NV" },
];

const SOLSKIN_EMPLOYEES: DemoEmployee[] = [
  { name: "Hanne Lykke", birthDate: "1966-02-28", municipalityCode: 101, employmentStartDate: "2009-03-01", jobTitle: "Social- og sundhedsassistent", weeklyHours: 32, employeeNumber: "S-201", department: "Hjemmeplejen", addressLine: "Istedgade 50, 1.", postalCode: "1650", city: "København V" },
  { name: "Mohammed Al-Sayed", birthDate: "1988-07-17", municipalityCode: 101, employmentStartDate: "2016-10-01", jobTitle: "Social- og sundhedshjælper", weeklyHours: 37, employeeNumber: "S-202", department: "Hjemmeplejen", addressLine: "Tagensvej 101, 4. mf.", postalCode: "2200", city: "København N" },
  { name: "Birgitte Nørgaard", birthDate: "1957-04-05", municipalityCode: 751, employmentStartDate: "1995-06-01", jobTitle: "Sygeplejerske", weeklyHours: 37, employeeNumber: "S-203", department: "Plejecenter Solbakken", addressLine: "Frederiks Allé 22", postalCode: "8000", city: "Aarhus C" },
  { name: "Emil Frøslev", birthDate: "1999-10-12", municipalityCode: 751, employmentStartDate: "2023-01-09", jobTitle: "Pædagogisk assistent", weeklyHours: 28, employeeNumber: "S-204", department: "Plejecenter Solbakken", addressLine: "Grenåvej 300", postalCode: "8240", city: "Risskov" },
  { name: "Karin Dahl", birthDate: "1972-05-19", municipalityCode: 147, employmentStartDate: "2014-08-15", jobTitle: "Køkkenleder", weeklyHours: 37, employeeNumber: "S-205", department: "Køkken", addressLine: "Hovedgaden 15", postalCode: "2640", city: "Hedehusene" },
  { name: "Tobias Holm", birthDate: "1980-12-01", municipalityCode: 147, employmentStartDate: "2012-11-01", jobTitle: "Pedel", weeklyHours: 37, employeeNumber: "S-206", department: "Køkken", addressLine: "Vesterkøb 3", postalCode: "2640", city: "Hedehusene" },
];

/** Seeds the app's database (DATABASE_PATH) once: nothing when it has users. */
export async function seedDemoData(today: IsoDate): Promise<boolean> {
  const existing = await one(getDb().select({ n: count() }).from(users).limit(1));
  if ((existing?.n ?? 0) > 0) return false;

  // One hash for all demo users: scrypt at N = 2^17 is deliberately slow.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return await runTx(async (tx) => {
    // Re-check inside the transaction: two processes starting at once seed once.
    const again = await one(tx.select({ n: count() }).from(users).limit(1));
    if ((again?.n ?? 0) > 0) return false;

    const nordbyg = await only(tx.insert(companies).values({ name: "Nordbyg ApS", cvr: "12972997", contactName: "Lise Holm", contactPhone: "70203040", contactEmail: "personale@nordbyg.example" }).returning());
    const solskin = await only(tx.insert(companies).values({ name: "Solskin Pleje A/S", cvr: "44125242" }).returning());

    await tx.insert(users)
      .values([
        { email: "hr@nordbyg.example", name: "Lise Holm", passwordHash, role: "employer", companyId: nordbyg.id, isAdmin: true },
        { email: "hr@solskin.example", name: "Anders Vestergaard", passwordHash, role: "employer", companyId: solskin.id, isAdmin: true },
        { email: "aarhus@jobcenter.example", name: "Camilla Krogh", passwordHash, role: "jobcenter", municipalityCode: 751, isAdmin: true },
        { email: "koebenhavn@jobcenter.example", name: "Rasmus Juul", passwordHash, role: "jobcenter", municipalityCode: 101, isAdmin: true },
      ]);

    const insertEmployees = async (companyId: number, list: DemoEmployee[]) => {
      const departmentIds = new Map<string, number>();
      for (const name of new Set(list.map((e) => e.department))) {
        departmentIds.set(name, (await only(tx.insert(departments).values({ companyId, name }).returning({ id: departments.id }))).id);
      }
      const inserted = [];
      for (const { department, ...e } of list) {
        inserted.push(await only(tx.insert(employees).values({ ...e, companyId, departmentId: departmentIds.get(department)! }).returning()));
      }
      return inserted;
    };
    const [soeren, lukasz, mette] = await insertEmployees(nordbyg.id, NORDBYG_EMPLOYEES);
    // The nearest manager of the building site: sees Søren, Łukasz and Per, not the office or the installers.
    const manager = await only(tx
      .insert(users)
      .values({ email: "leder@nordbyg.example", name: "Kim Byg", passwordHash, role: "employer", companyId: nordbyg.id, accessLevel: "manager" })
      .returning({ id: users.id }));
    await tx.insert(userDepartments).values({ userId: manager.id, departmentId: soeren!.departmentId! });
    const [hanne, , birgitte] = await insertEmployees(solskin.id, SOLSKIN_EMPLOYEES);

    const demoAbsences = [
      // Conversation due within days.
      { companyId: nordbyg.id, employeeId: soeren!.id, firstAbsenceDay: addDays(today, -24), pay: "salary" as const, expectedOver8Weeks: true },
      // Conversation held; the absence report is near.
      {
        companyId: nordbyg.id,
        employeeId: lukasz!.id,
        firstAbsenceDay: addDays(today, -31),
        pay: "salary" as const,
        expectedOver8Weeks: false,
        conversationHeldOn: addDays(today, -20),
        conversationNotes: "Aftalt delvis genoptagelse med lettere opgaver.",
      },
      // Conversation overdue.
      { companyId: nordbyg.id, employeeId: mette!.id, firstAbsenceDay: addDays(today, -33), pay: "sickness-benefit" as const, expectedOver8Weeks: true },
      { companyId: solskin.id, employeeId: hanne!.id, firstAbsenceDay: addDays(today, -10), pay: "salary" as const, expectedOver8Weeks: false },
      { companyId: solskin.id, employeeId: birgitte!.id, firstAbsenceDay: addDays(today, -45), pay: "salary" as const, expectedOver8Weeks: true, fastTrackRequestedOn: addDays(today, -30), conversationHeldOn: addDays(today, -25) },
    ];
    const seeded = [soeren!, lukasz!, mette!, hanne!, birgitte!];
    for (const a of demoAbsences) {
      const absence = await only(tx.insert(absences).values({ extent: "full", ...a }).returning());
      const employee = seeded.find((e) => e.id === absence.employeeId)!;
      // Demo cases enter the calendar feed like any case registered in the portal.
      const { deadlines } = computeDeadlines(factsOf(absence, employee), today);
      await syncCalendarEvents(tx, { companyId: absence.companyId, absenceId: absence.id, deadlines });
    }

    await tx.insert(auditLog).values({ userId: null, action: "seed", entityType: "database", details: JSON.stringify({ today }) });
    return true;
  });
}
