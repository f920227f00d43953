/**
 * What changed between two versions of a document, field by field. Each document kind
 * describes a version as the reader sees it (labels in Danish, values as printed:
 * dd.mm.åååå, choices by their label), and the diff compares those descriptions, so a
 * change shows exactly the fields the page shows, and nothing the reader may not see.
 */

/** One labelled value of a version as shown ("–" when empty is the page's business: null here). */
export interface DescribedField {
  key: string;
  label: string;
  value: string | null;
}

/** A labelled list whose rows come and go (the plan's steps, the social chapter's log). */
export interface DescribedList {
  key: string;
  label: string;
  items: readonly string[];
}

export type DescribedEntry = DescribedField | DescribedList;

export type VersionChange =
  | { kind: "field"; key: string; label: string; before: string | null; after: string | null }
  | { kind: "list"; key: string; label: string; added: string[]; removed: string[] };

const isList = (e: DescribedEntry): e is DescribedList => "items" in e;

/** The rows of `from` that `other` lacks, counting repeats (two equal steps are two steps). */
function missingFrom(from: readonly string[], other: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const item of other) left.set(item, (left.get(item) ?? 0) + 1);
  const missing: string[] = [];
  for (const item of from) {
    const n = left.get(item) ?? 0;
    if (n > 0) left.set(item, n - 1);
    else missing.push(item);
  }
  return missing;
}

const blank = (v: string | null) => (v === null || v.trim() === "" ? null : v);

/**
 * The changes from `before` to `after`, in the order the newer version shows its fields (a field
 * only the older version had comes last). A field that is empty on one side shows as added or
 * removed (null); a list shows the rows added and removed, a changed row as both.
 */
export function diffVersions(before: readonly DescribedEntry[], after: readonly DescribedEntry[]): VersionChange[] {
  const old = new Map(before.map((e) => [e.key, e]));
  const keys = [...after.map((e) => e.key), ...before.map((e) => e.key).filter((k) => !after.some((e) => e.key === k))];
  const changes: VersionChange[] = [];
  for (const key of keys) {
    const a = after.find((e) => e.key === key);
    const b = old.get(key);
    const label = (a ?? b)!.label;
    if ((a && isList(a)) || (b && isList(b))) {
      const beforeItems = b && isList(b) ? b.items : [];
      const afterItems = a && isList(a) ? a.items : [];
      const added = missingFrom(afterItems, beforeItems);
      const removed = missingFrom(beforeItems, afterItems);
      if (added.length || removed.length) changes.push({ kind: "list", key, label, added, removed });
      continue;
    }
    const was = blank(b && !isList(b) ? b.value : null);
    const is = blank(a && !isList(a) ? a.value : null);
    if (was !== is) changes.push({ kind: "field", key, label, before: was, after: is });
  }
  return changes;
}
