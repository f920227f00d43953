import { describe, expect, it } from "vitest";
import { DIAGNOSIS_TERMS, findDiagnosisTerms } from "~/domain/diagnosis-terms";
import { doctorDeadlineStatus } from "~/domain/mulighedserklaering";
import { fastholdelsesplanSchema } from "~/forms/fastholdelsesplan";
import {
  adjustmentsStepSchema,
  doctorAnswerSchema,
  limitationsStepSchema,
  meetingStepSchema,
  missingSteps,
  partiesStepSchema,
  sentToDoctorSchema,
} from "~/forms/mulighedserklaering";

const TODAY = "2026-11-25";
const errors = (r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("the diagnosis term list", () => {
  it("holds at least 150 distinct terms, the issue's examples among them", () => {
    expect(new Set(DIAGNOSIS_TERMS).size).toBe(DIAGNOSIS_TERMS.length);
    expect(DIAGNOSIS_TERMS.length).toBeGreaterThanOrEqual(150);
    for (const t of ["depression", "diskusprolaps", "kræft", "kol", "adhd", "stressreaktion"]) expect(DIAGNOSIS_TERMS).toContain(t);
  });

  it.each([
    ["Hun er sygemeldt med akut stressreaktion.", ["akut stressreaktion"]],
    ["Diskusprolaps og KOL.", ["diskusprolaps", "kol"]],
    ["Han er stresssygemeldt.", ["stresssygemeldt"]],
    ["Travlhed og mange opgaver giver et højt arbejdspres.", []],
    ["Kan ikke løfte over 5 kg.", []],
  ])("finds %j", (text, terms) => {
    expect(findDiagnosisTerms(text)).toEqual(terms);
  });
});

describe("part 1, step by step", () => {
  it("step 1 needs a contact person; the phone number is optional but must look like one", () => {
    expect(errors(partiesStepSchema.safeParse({}))).toEqual({ contactPerson: "Indtast navnet på kontaktpersonen." });
    expect(errors(partiesStepSchema.safeParse({ contactPerson: "Lise", contactPhone: "ring til mig" }))).toHaveProperty("contactPhone");
    expect(partiesStepSchema.safeParse({ contactPerson: "Lise", contactPhone: "+45 12 34 56 78" }).success).toBe(true);
    expect(errors(partiesStepSchema.safeParse({ contactPerson: "x".repeat(201) }))).toEqual({ contactPerson: "Teksten må højst have 200 tegn." });
  });

  it("step 2 needs both texts, at most 4000 characters each", () => {
    expect(Object.keys(errors(limitationsStepSchema.safeParse({ functionalLimitations: "  " })))).toEqual(["functionalLimitations", "affectedFunctions"]);
    expect(errors(limitationsStepSchema.safeParse({ functionalLimitations: "x".repeat(4001), affectedFunctions: "Løft" }))).toEqual({
      functionalLimitations: "Teksten må højst have 4000 tegn.",
    });
  });

  it("step 2 flags a diagnosis at the field that names it until the user confirms the text names none", () => {
    const input = { functionalLimitations: "Har diskusprolaps og kan ikke løfte.", affectedFunctions: "Tunge løft." };
    expect(errors(limitationsStepSchema.safeParse(input)).functionalLimitations).toMatch(/nævne en diagnose \(diskusprolaps\)/);
    expect(limitationsStepSchema.safeParse({ ...input, confirmNoDiagnosis: "on" }).success).toBe(true);
    expect(limitationsStepSchema.safeParse({ ...input, functionalLimitations: "Kan ikke løfte over 5 kg." }).success).toBe(true);
  });

  it("step 3 needs an adjustment, its description and duration, and hours when the time is reduced", () => {
    expect(Object.keys(errors(adjustmentsStepSchema.safeParse({})))).toEqual(["changedTasks", "adjustmentsDescription", "durationWeeks"]);
    expect(errors(adjustmentsStepSchema.safeParse({ reducedHours: "on", adjustmentsDescription: "Kortere dage.", durationWeeks: "4" }))).toEqual({
      hoursPerWeek: "Indtast hvor mange timer om ugen medarbejderen skal arbejde.",
    });
    expect(errors(adjustmentsStepSchema.safeParse({ reducedHours: "on", hoursPerWeek: "60", adjustmentsDescription: "Kortere dage.", durationWeeks: "4" }))).toEqual({
      hoursPerWeek: "Indtast mellem 1 og 48 timer om ugen.",
    });
    expect(errors(adjustmentsStepSchema.safeParse({ aids: "on", adjustmentsDescription: "Hæve-sænkebord.", durationWeeks: "2,5" }))).toHaveProperty("durationWeeks");
    expect(adjustmentsStepSchema.parse({ reducedHours: "on", hoursPerWeek: "20", adjustmentsDescription: "Kortere dage.", durationWeeks: "6" })).toMatchObject({
      reducedHours: true,
      hoursPerWeek: 20,
      durationWeeks: 6,
    });
  });

  it("step 3 asks nothing more when the doctor is to assess without a proposal (point 5)", () => {
    expect(adjustmentsStepSchema.safeParse({ doctorAssessOnly: "on" }).success).toBe(true);
  });

  it("step 4 needs the meeting date (not in the future), both parties and a deadline after the meeting", () => {
    const schema = meetingStepSchema(TODAY);
    expect(Object.keys(errors(schema.safeParse({})))).toEqual(["meetingDate", "bothPresent", "doctorDeadline"]);
    expect(errors(schema.safeParse({ meetingDate: "2026-11-26", bothPresent: "on", doctorDeadline: "2026-12-10" }))).toEqual({
      meetingDate: "Datoen kan ikke ligge i fremtiden.",
    });
    expect(errors(schema.safeParse({ meetingDate: "2026-11-20", bothPresent: "on", doctorDeadline: "2026-11-20" }))).toEqual({
      doctorDeadline: "Fristen skal ligge efter mødet.",
    });
    expect(errors(schema.safeParse({ meetingDate: "2026-02-30", bothPresent: "on", doctorDeadline: "2026-12-04" }))).toEqual({
      meetingDate: "Indtast en gyldig dato (dd.mm.åååå).",
    });
    expect(schema.safeParse({ meetingDate: "2026-11-20", bothPresent: "on", doctorDeadline: "2026-12-04" }).success).toBe(true);
  });

  it("part 1 is complete when every step accepts the stored draft", () => {
    const draft = {
      contactPerson: "Lise",
      functionalLimitations: "Løft.",
      affectedFunctions: "Montage.",
      doctorAssessOnly: true,
      meetingDate: "2026-11-20",
      bothPresent: true,
    };
    expect(missingSteps(draft, TODAY)).toEqual(["moede"]);
    expect(missingSteps({ ...draft, doctorDeadline: "2026-12-04" }, TODAY)).toEqual([]);
    expect(missingSteps({ contactPerson: "Lise" }, TODAY)).toEqual(["begraensninger", "tilpasninger", "moede"]);
  });

  it("does not turn a false hit confirmed in step 2 into a missing step once step 3 is saved without one", () => {
    const draft = {
      contactPerson: "Lise",
      functionalLimitations: "Kan ikke stå ved båndet i Kolding-hallen med brud i rutinen.",
      affectedFunctions: "Montage.",
      // Step 3 was saved last, with nothing to confirm: the shared field is false in the draft.
      confirmNoDiagnosis: false,
      doctorAssessOnly: true,
      meetingDate: "2026-11-20",
      bothPresent: true,
      doctorDeadline: "2026-12-04",
    };
    expect(missingSteps(draft, TODAY)).toEqual([]);
  });
});

describe("the doctor's part", () => {
  it("records the outcome for the work, and flags health words in the remarks", () => {
    const schema = doctorAnswerSchema(TODAY);
    expect(Object.keys(errors(schema.safeParse({})))).toEqual(["outcome", "answeredOn", "expectedAbsenceDuration"]);
    const answer = { outcome: "partly", answeredOn: "2026-11-24", expectedAbsenceDuration: "2 uger", doctorRemarks: "Kræft i behandling." };
    expect(errors(schema.safeParse(answer)).doctorRemarks).toMatch(/kræft/);
    expect(schema.safeParse({ ...answer, doctorRemarks: "Kan mere end aftalt om 2 uger." }).success).toBe(true);
    expect(errors(sentToDoctorSchema(TODAY).safeParse({ intent: "sent-to-doctor", sentToDoctorOn: "2026-12-01" }))).toEqual({
      sentToDoctorOn: "Datoen kan ikke ligge i fremtiden.",
    });
  });

  it.each([
    [{ status: "draft", doctorDeadline: "2026-12-04" }, "not-applicable"],
    [{ status: "sent-to-doctor", doctorDeadline: "2026-12-09" }, "upcoming"],
    [{ status: "sent-to-doctor", doctorDeadline: "2026-12-02" }, "due-soon"],
    [{ status: "sent-to-doctor", doctorDeadline: "2026-11-25" }, "due-soon"],
    [{ status: "part1-complete", doctorDeadline: "2026-11-24" }, "overdue"],
    [{ status: "answered", doctorDeadline: "2026-11-01" }, "done"],
  ])("the doctor's deadline %j is %s on 25.11.2026", (record, status) => {
    expect(doctorDeadlineStatus(record, TODAY)).toBe(status);
  });
});

describe("the fastholdelsesplan", () => {
  const schema = fastholdelsesplanSchema({ today: TODAY, firstAbsenceDay: "2026-10-01" });
  const step = { description: "Opstart 3 timer om dagen", dueOn: "2026-12-01", responsible: "Lise" };

  it("a plan needs a goal and at least one step with date and who is responsible; empty rows are not steps", () => {
    expect(Object.keys(errors(schema.safeParse({ requestedOn: "2026-10-20", decision: "plan", steps: [{ description: "", dueOn: "", responsible: "" }] })))).toEqual([
      "goal",
      "steps",
    ]);
    expect(errors(schema.safeParse({ requestedOn: "2026-10-20", decision: "plan", goal: "Tilbage", steps: [{ ...step, responsible: "" }] }))).toEqual({
      "steps.0.responsible": "Angiv hvem der er ansvarlig.",
    });
    const ok = schema.parse({ requestedOn: "2026-10-20", decision: "plan", goal: "Tilbage", steps: [step, { description: "", dueOn: "", responsible: "" }] });
    expect(ok.steps).toEqual([step]);
  });

  it("takes as many steps as the plan needs, up to 20, with a Danish message beyond that", () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ ...step, dueOn: `2026-12-${String(i + 1).padStart(2, "0")}` }));
    expect(schema.parse({ requestedOn: "2026-10-20", decision: "plan", goal: "Tilbage", steps: rows(20) }).steps).toHaveLength(20);
    expect(errors(schema.safeParse({ requestedOn: "2026-10-20", decision: "plan", goal: "Tilbage", steps: rows(21) }))).toEqual({ steps: "Planen kan højst have 20 trin." });
  });

  it("an error or diagnosis warning in a step is shown at that step's own row, even after an empty row", () => {
    const empty = { description: "", dueOn: "", responsible: "" };
    expect(errors(schema.safeParse({ requestedOn: "2026-10-20", decision: "plan", goal: "Tilbage", steps: [empty, step, { ...step, dueOn: "" }] }))).toEqual({
      "steps.2.dueOn": "Indtast en dato for trinnet.",
    });
    const warned = errors(schema.safeParse({ requestedOn: "2026-10-20", decision: "plan", goal: "Tilbage", steps: [empty, { ...step, description: "Opstart efter depression" }] }));
    expect(Object.keys(warned)).toEqual(["steps.1.description"]);
  });

  it("a refusal needs a reason and keeps no plan content", () => {
    expect(errors(schema.safeParse({ requestedOn: "2026-10-20", decision: "refused" }))).toEqual({ refusalReason: "Skriv begrundelsen for afslaget." });
    const refused = schema.parse({ requestedOn: "2026-10-20", decision: "refused", refusalReason: "Afdelingen lukker.", goal: "Tilbage", steps: [step] });
    expect(refused).toEqual({ requestedOn: "2026-10-20", decision: "refused", refusalReason: "Afdelingen lukker.", steps: [], confirmNoDiagnosis: false });
  });

  it("the request date lies within the absence and not in the future", () => {
    expect(errors(schema.safeParse({ requestedOn: "2026-09-30", decision: "refused", refusalReason: "x" }))).toEqual({
      requestedOn: "Anmodningen kan tidligst være fra første fraværsdag.",
    });
    expect(errors(schema.safeParse({ requestedOn: "2026-11-26", decision: "refused", refusalReason: "x" }))).toEqual({ requestedOn: "Datoen kan ikke ligge i fremtiden." });
  });

  it.each([
    ["goal", 2000],
    ["refusalReason", 2000],
    ["adjustments", 4000],
    ["followUpPoints", 4000],
  ])("%s holds at most %i characters", (field, max) => {
    const base = { requestedOn: "2026-10-20", decision: "plan", goal: "Tilbage", steps: [step] };
    expect(schema.safeParse({ ...base, [field]: "x".repeat(max) }).success).toBe(true);
    expect(errors(schema.safeParse({ ...base, [field]: "x".repeat(max + 1) }))).toEqual({ [field]: `Teksten må højst have ${max} tegn.` });
  });

  it("the expected return lies after the first absence day, and a step's date must be a real date", () => {
    const base = { requestedOn: "2026-10-20", decision: "plan", goal: "Tilbage", steps: [step] };
    expect(errors(schema.safeParse({ ...base, expectedReturnOn: "2026-10-01" }))).toEqual({ expectedReturnOn: "Datoen skal ligge efter første fraværsdag." });
    expect(errors(schema.safeParse({ ...base, steps: [{ ...step, dueOn: "2026-02-30" }] }))).toEqual({ "steps.0.dueOn": "Indtast en gyldig dato (dd.mm.åååå)." });
    expect(errors(schema.safeParse({ ...base, decision: "maybe" }))).toEqual({ decision: "Vælg om I laver en plan, eller om arbejdsgiveren afslår." });
  });

  it("answers broken input with field errors instead of throwing (found by the bad-input property test)", () => {
    const broken = { requestedOn: "\u0000", decision: "plan", goal: "0", expectedReturnOn: "å\uD800".repeat(100), steps: [{ description: "Løft", dueOn: "\f", responsible: "x" }] };
    const r = schema.safeParse(broken);
    expect(Object.keys(errors(r)).sort()).toEqual(["expectedReturnOn", "requestedOn", "steps.0.dueOn"]);
    expect(schema.safeParse({ ...broken, steps: "not a list" }).success).toBe(false);
  });

  it("flags a diagnosis in a step's description", () => {
    const r = schema.safeParse({ requestedOn: "2026-10-20", decision: "plan", goal: "Tilbage", steps: [{ ...step, description: "Genoptræning efter knoglebrud" }] });
    expect(errors(r)["steps.0.description"]).toMatch(/knoglebrud/);
  });
});
