import { describe, expect, it } from "vitest";
import { diffVersions, type DescribedEntry } from "~/domain/version-diff";

const field = (key: string, value: string | null, label = key.toUpperCase()): DescribedEntry => ({ key, label, value });
const list = (key: string, items: string[], label = key.toUpperCase()): DescribedEntry => ({ key, label, items });

describe("the changes between two versions", () => {
  it.each<[string, DescribedEntry[], DescribedEntry[], ReturnType<typeof diffVersions>]>([
    ["nothing changed", [field("goal", "Tilbage")], [field("goal", "Tilbage")], []],
    ["a changed value shows old and new", [field("goal", "Tilbage")], [field("goal", "Fuld tid")], [{ kind: "field", key: "goal", label: "GOAL", before: "Tilbage", after: "Fuld tid" }]],
    ["a value filled in", [field("goal", null)], [field("goal", "Fuld tid")], [{ kind: "field", key: "goal", label: "GOAL", before: null, after: "Fuld tid" }]],
    ["a value emptied", [field("goal", "Tilbage")], [field("goal", " ")], [{ kind: "field", key: "goal", label: "GOAL", before: "Tilbage", after: null }]],
    ["a field only the new version has", [], [field("goal", "Fuld tid")], [{ kind: "field", key: "goal", label: "GOAL", before: null, after: "Fuld tid" }]],
    ["a field only the old version had comes last", [field("a", "1"), field("b", "2")], [field("b", "3")], [
      { kind: "field", key: "b", label: "B", before: "2", after: "3" },
      { kind: "field", key: "a", label: "A", before: "1", after: null },
    ]],
    ["an empty field on both sides is no change", [field("goal", "")], [field("goal", null)], []],
    ["a step added", [list("steps", ["1"])], [list("steps", ["1", "2"])], [{ kind: "list", key: "steps", label: "STEPS", added: ["2"], removed: [] }]],
    ["a step removed", [list("steps", ["1", "2"])], [list("steps", ["2"])], [{ kind: "list", key: "steps", label: "STEPS", added: [], removed: ["1"] }]],
    ["a step changed is removed and added", [list("steps", ["1", "2"])], [list("steps", ["1", "2b"])], [{ kind: "list", key: "steps", label: "STEPS", added: ["2b"], removed: ["2"] }]],
    ["steps reordered are no change", [list("steps", ["1", "2"])], [list("steps", ["2", "1"])], []],
    ["one of two equal steps removed", [list("steps", ["1", "1"])], [list("steps", ["1"])], [{ kind: "list", key: "steps", label: "STEPS", added: [], removed: ["1"] }]],
    ["a list the old version lacked", [], [list("steps", ["1"])], [{ kind: "list", key: "steps", label: "STEPS", added: ["1"], removed: [] }]],
    ["the new version's label is used", [field("goal", "a", "Gammel")], [field("goal", "b", "Mål for planen")], [{ kind: "field", key: "goal", label: "Mål for planen", before: "a", after: "b" }]],
  ])("%s", (_, before, after, expected) => {
    expect(diffVersions(before, after)).toEqual(expected);
  });
});
