/**
 * The changes between two versions of each kind, as the HR and caseworker pages show them: the
 * field's Danish label, the old and the new value as printed, the plan's steps added and removed.
 */
import { describe, expect, it } from "vitest";
import { DOCUMENT_KINDS, versionChanges } from "~/documents";

const demo = <T,>(type: keyof typeof DOCUMENT_KINDS) => structuredClone(DOCUMENT_KINDS[type].demoContent) as T;

describe("the changes between two versions of a document", () => {
  it.each(Object.keys(DOCUMENT_KINDS) as Array<keyof typeof DOCUMENT_KINDS>)("%s: a version equal to the one before has no changes", (type) => {
    expect(versionChanges(type, DOCUMENT_KINDS[type].demoContent, demo(type))).toEqual([]);
  });

  it("fastholdelsesplan: a changed goal and date, a step added and one changed", () => {
    type Plan = { goal: string; expectedReturnOn: string; steps: Array<{ description: string; dueOn: string; responsible: string }> };
    const before = demo<Plan>("fastholdelsesplan");
    const after = demo<Plan>("fastholdelsesplan");
    after.goal = "Tilbage på 30 timer om ugen";
    after.expectedReturnOn = "2026-06-01";
    after.steps = [{ ...before.steps[0]!, responsible: "HR" }, { description: "Fuld tid", dueOn: "2026-05-04", responsible: "Værkfører" }];
    expect(versionChanges("fastholdelsesplan", before, after)).toEqual([
      { kind: "field", key: "goal", label: "Mål for planen", before: "Tilbage på fuld tid i egen funktion", after: "Tilbage på 30 timer om ugen" },
      { kind: "field", key: "expectedReturnOn", label: "Forventet dato for tilbagevenden", before: "04.05.2026", after: "01.06.2026" },
      {
        kind: "list",
        key: "steps",
        label: "Trin",
        added: ["06.04.2026: Fire timer om dagen med lette opgaver (ansvarlig: HR)", "04.05.2026: Fuld tid (ansvarlig: Værkfører)"],
        removed: ["06.04.2026: Fire timer om dagen med lette opgaver (ansvarlig: Værkfører)"],
      },
    ]);
  });

  it("fastholdelsesplan: a plan turned into a refusal shows the decision, the reason and what the plan loses", () => {
    const after = { requestedOn: "2026-03-20", decision: "refused", refusalReason: "Afdelingen lukker.", steps: [] };
    const changes = versionChanges("fastholdelsesplan", DOCUMENT_KINDS.fastholdelsesplan.demoContent, after);
    expect(changes.map((c) => c.label)).toEqual(["Arbejdsgiverens beslutning", "Begrundelse for afslaget", "Mål for planen", "Forventet dato for tilbagevenden", "Trin", "Tilpasninger af arbejdet", "Opfølgningspunkter"]);
    expect(changes[0]).toEqual({ kind: "field", key: "decision", label: "Arbejdsgiverens beslutning", before: "Vi laver en fastholdelsesplan", after: "Arbejdsgiveren afslår at lave en plan" });
  });

  it("fast track: the consent by its label and the request date as dd.mm.åååå", () => {
    const after = { ...demo<Record<string, unknown>>("fast-track"), employeeConsent: "declined", requestedOn: "2026-04-01" };
    const changes = versionChanges("fast-track", DOCUMENT_KINDS["fast-track"].demoContent, after);
    expect(changes.map((c) => (c.kind === "field" ? [c.label, c.after] : null))).toEqual([
      ["Dato for anmodningen", "01.04.2026"],
      ["Medarbejderens stilling til fast track", "Medarbejderen ønsker ikke fast track"],
    ]);
  });

  it("a stored version that does not fit its kind is an error, not an empty diff", () => {
    expect(() => versionChanges("fast-track", { affectedFunctions: 1 }, DOCUMENT_KINDS["fast-track"].demoContent)).toThrow();
  });
});
