/**
 * The PDFs of sent versions, kept per process (docs/decisions/012). A sent version never changes
 * and its PDF is the same bytes for every reader (render.server.ts, `RenderMeta.frozen`), so the
 * render, most of a download's cost, is done once per version instead of once per download.
 *
 * An entry is keyed by the version and checked, on every read, against a digest of everything the
 * PDF is drawn from: the template's definition (its version), the values its resolver gives for
 * today's rows, and the render's meta. A version's content can still change in place (a redacted
 * social-chapter log entry is overwritten in every sent dossier), and so can the rows around it
 * (the employee's name, the company's, the doctor's deadline, the jobcenter's contact details):
 * any such change gives another digest, and the PDF is drawn again. Drafts are never kept.
 */
import { createHash } from "node:crypto";
import { BoundedMemo } from "../../lib/bounded-memo";
import type { FormTemplate } from "../../templates/types";
import { renderPdf, type RenderMeta } from "./render.server";

/** At most this many PDFs per process; a mulighedserklæring is about 115 kB, the others 15–40 kB. */
export const FROZEN_PDF_CACHE_SIZE = 64;

const entries = new BoundedMemo<string, { digest: string; bytes: Promise<Uint8Array> }>(FROZEN_PDF_CACHE_SIZE, "least-recently-used");
let renders = 0;

/** PDFs of sent versions this process has drawn (tests: one per version and content, however many readers). */
export function frozenPdfRenderCount(): number {
  return renders;
}

// A template's version: its definition with its resolver's source, digested once per template object.
const templateVersions = new WeakMap<object, string>();
function templateVersion(template: FormTemplate<never>): string {
  let version = templateVersions.get(template);
  if (!version) {
    const definition = JSON.stringify(template, (_key, value: unknown) => (typeof value === "function" ? String(value) : value));
    version = createHash("sha256").update(definition).digest("base64");
    templateVersions.set(template, version);
  }
  return version;
}

/**
 * The PDF of a sent version: kept under `key` (the version and the copy, e.g. the jobcenter's),
 * drawn again only when anything it is drawn from differs from what the kept one was drawn from.
 * The bytes are shared between readers: callers must not change them.
 */
export function renderFrozenPdf<Data>(key: string, template: FormTemplate<Data>, data: Data, meta: RenderMeta & { frozen: NonNullable<RenderMeta["frozen"]> }): Promise<Uint8Array> {
  const source = JSON.stringify([templateVersion(template as FormTemplate<never>), template.resolve(data), meta]);
  const digest = createHash("sha256").update(source).digest("base64");
  const known = entries.get(key);
  if (known?.digest === digest) return known.bytes;
  renders++;
  // The promise is kept at once, so the readers who ask while it is drawn wait for the same render.
  const bytes = renderPdf(template, data, meta);
  entries.set(key, { digest, bytes });
  bytes.catch(() => {
    if (entries.get(key)?.bytes === bytes) entries.delete(key);
  });
  return bytes;
}
