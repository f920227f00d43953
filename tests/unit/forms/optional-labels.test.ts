/**
 * "(frivilligt)" is a promise: a field whose label says it may be left empty is
 * never required by the schema its form is parsed with. The labels are found in
 * the source (every form control given `optional`, in every component and
 * route), the schemas through tests/support/form-schemas.ts, so a new form or a
 * field turned required cannot break the promise unnoticed.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { allForms, leavesOf, objectsOf, type Leaf } from "../../support/form-schemas";

const APP = path.resolve(__dirname, "../../../app");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith(".tsx") ? [full] : [];
  });
}

/** The opening tag starting at `start`, read with brace depth so `{a > b}` inside it does not end it. */
function tagAt(source: string, start: number): string {
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === "{") depth++;
    else if (c === "}") depth--;
    else if (c === ">" && depth === 0) return source.slice(start, i + 1);
  }
  return source.slice(start);
}

export interface OptionalLabel {
  file: string;
  field: string;
}

/** Every form control marked `optional` (it prints "(frivilligt)"), with the name of the field it binds. */
export function optionalLabels(file: string, source: string): OptionalLabel[] {
  const found: OptionalLabel[] = [];
  for (const m of source.matchAll(/<(TextField|TextArea|DateField|SelectField|RadioGroup|Checkbox)\b/g)) {
    const tag = tagAt(source, m.index);
    if (!/\soptional(\s|\/|>|=\{true\})/.test(tag)) continue;
    const field = /field=\{(?:[\w.]+\.(\w+)|\w+\("(\w+)"\))\}/.exec(tag);
    found.push({ file: path.relative(APP, file), field: field ? (field[1] ?? field[2]!) : `<unreadable field in ${tag.slice(0, 80)}>` });
  }
  return found;
}

/** The schemas a file imports from app/forms, by their exported names. */
function importedSchemaNames(source: string): Set<string> {
  const names = new Set<string>();
  for (const m of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*"~\/forms\/[\w-]+"/g)) {
    for (const part of m[1]!.split(",")) {
      const name = part.replace(/^\s*type\s+/, "").split(" as ")[0]!.trim();
      if (name) names.add(name);
    }
  }
  return names;
}

const { forms } = allForms();
const labels = sourceFiles(APP).flatMap((file) => {
  const source = readFileSync(file, "utf8");
  const imported = importedSchemaNames(source);
  return optionalLabels(file, source).map((l) => ({ ...l, schemas: forms.filter((f) => imported.has(f.name)) }));
});

const lastKey = (leaf: Leaf) => [...leaf.path].reverse().find((k) => typeof k === "string");
const leavesNamed = (schemas: z.ZodType[], field: string) => schemas.flatMap((s) => objectsOf(s)).flatMap((o) => leavesOf(o)).filter((l) => lastKey(l) === field);

describe('a field labelled "(frivilligt)"', () => {
  it("is found in the forms (the scan reads the labels)", () => {
    expect(labels.length).toBeGreaterThan(20);
    expect(labels.filter((l) => l.field.startsWith("<"))).toEqual([]);
  });

  it.each(labels.map((l) => [`${l.file}: ${l.field}`, l] as const))("%s is optional in the schema its form is parsed with", (_, label) => {
    const leaves = leavesNamed(
      label.schemas.map((f) => f.schema),
      label.field,
    );
    expect(leaves.length, `no schema imported by ${label.file} has a field "${label.field}"`).toBeGreaterThan(0);
    for (const leaf of leaves) {
      // A form sends an empty field as nothing (Conform drops empty strings), so "optional" means undefined parses.
      expect(leaf.schema.safeParse(undefined).success, `${label.field} refuses an empty value`).toBe(true);
    }
  });
});

describe("the reasons a decision needs are required", () => {
  const byName = (name: string) => forms.filter((f) => f.name === name).map((f) => f.schema);

  it("a caseworker's refusal (afvisning) needs its reason, in Danish", () => {
    const [review] = byName("ReviewActionSchema");
    const result = review!.safeParse({ intent: "reject", lock: "1" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["message", "Skriv begrundelsen for afvisningen."]]);
  });

  it("an employer's refusal of a fastholdelsesplan needs its reason, in Danish, and its label is not marked optional", () => {
    const [plan] = byName("fastholdelsesplanSchema");
    const result = plan!.safeParse({ requestedOn: "2026-10-20", decision: "refused" });
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["refusalReason", "Skriv begrundelsen for afslaget."]]);
    expect(labels.filter((l) => l.field === "refusalReason")).toEqual([]);
  });
});
