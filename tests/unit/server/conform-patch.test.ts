/**
 * patches/@conform-to+react+*.patch (applied by patch-package on npm install, decision 003): a
 * field's metadata is built once per form state and form id rather than on every property read.
 * A field must still show what the current state holds, after every update.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const dist = path.dirname(require.resolve("@conform-to/react"));

type Field = { id: string; name: string; errorId: string; errors?: string[]; initialValue?: unknown; key?: string };
type Context = { getState: () => unknown; onUpdate: (options: Record<string, unknown>) => void };
type ContextModule = {
  createFormContext: (options: Record<string, unknown>) => Context;
  getFieldMetadata: (context: Context, subjectRef: { current: Record<string, unknown> }, stateSnapshot: unknown, prefix?: string, key?: string) => Field;
};

// The form context looks its form element up when a result is reported; there is none here.
const hadDocument = "document" in globalThis;
beforeAll(() => {
  if (!hadDocument) Object.assign(globalThis, { document: { forms: { namedItem: () => null } } });
});
afterAll(() => {
  if (!hadDocument) delete (globalThis as { document?: unknown }).document;
});

async function load(file: string): Promise<ContextModule> {
  return file.endsWith(".mjs") ? ((await import(pathToFileURL(path.join(dist, file)).href)) as ContextModule) : (require(path.join(dist, file)) as ContextModule);
}

describe.each(["context.mjs", "context.js"])("the field metadata patch (%s)", (file) => {
  it("is applied", () => {
    expect(fs.readFileSync(path.join(dist, file), "utf8")).toContain("cachedMetadata");
  });

  it("gives each field its own metadata, and every read the current state", async () => {
    const { createFormContext, getFieldMetadata } = await load(file);
    const context = createFormContext({
      formId: "frister",
      lastResult: { status: "error", initialValue: { email: "a@b.dk", pay: "salary" }, error: { email: ["Skriv en gyldig e-mail."] } },
    });
    const snapshot = context.getState();
    const email = getFieldMetadata(context, { current: {} }, snapshot, "", "email");
    const pay = getFieldMetadata(context, { current: {} }, snapshot, "", "pay");
    for (let i = 0; i < 2; i++) {
      expect(email.id).toBe("frister-email");
      expect(email.errorId).toBe("frister-email-error");
      expect(email.name).toBe("email");
      expect(email.errors).toEqual(["Skriv en gyldig e-mail."]);
      expect(email.initialValue).toBe("a@b.dk");
      expect(pay.id).toBe("frister-pay");
      expect(pay.errors).toBeUndefined();
      expect(pay.initialValue).toBe("salary");
    }

    // A new result replaces the state: the same field object shows it at once.
    context.onUpdate({ lastResult: { status: "error", initialValue: { email: "x", pay: "none" }, error: { pay: ["Vælg løn under sygdom."] } } });
    expect(context.getState()).not.toBe(snapshot);
    expect(email.errors).toBeUndefined();
    expect(pay.errors).toEqual(["Vælg løn under sygdom."]);

    // Another form id (a page reusing the component for another record) gives other ids.
    context.onUpdate({ formId: "frister-2" });
    expect(email.id).toBe("frister-2-email");
  });

  it("still notes which parts of the state a render read", async () => {
    const { createFormContext, getFieldMetadata } = await load(file);
    const context = createFormContext({ formId: "f", lastResult: { status: "error", initialValue: {}, error: { a: ["Fejl"] } } });
    const subjectRef: { current: Record<string, unknown> } = { current: {} };
    const a = getFieldMetadata(context, subjectRef, context.getState(), "", "a");
    void a.errors;
    void a.errors;
    void a.initialValue;
    expect(subjectRef.current.error).toEqual({ name: ["a", "a"] });
    expect(subjectRef.current.initialValue).toEqual({ name: ["a"] });
  });
});
