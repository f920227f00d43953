/**
 * Rules change by date (rules.md "Rules change by date"): every version of a
 * rule carries the days it applies to and where it comes from, and the engine
 * picks the version in force. A change of the law is a new row in a table, the
 * old row gets its last day; nothing is overwritten.
 */
import { compareIso, formatDanishDate, type IsoDate } from "./dates";

export interface RuleSource {
  /** First day (inclusive) the version applies to; null: since before any absence the portal handles. */
  readonly validFrom: IsoDate | null;
  /** Last day (inclusive) it applies to; null while it is in force. */
  readonly validTo: IsoDate | null;
  /** The statute, and the secondary source where the statute's own text was not seen. */
  readonly source: string;
}

export interface RuleVersion<P> extends RuleSource {
  readonly params: P;
}

/**
 * Which day decides the version. Most rules follow the absence's first day;
 * a rule whose consequence happens later (what follows the § 24 reassessment)
 * says so here.
 */
export type VersionKey = "first-absence-day" | "due-date";

export interface RuleTable<P> {
  readonly name: string;
  readonly selectBy: VersionKey;
  /** In date order, without gaps or overlaps (checked by versionInForce and a test). */
  readonly versions: readonly RuleVersion<P>[];
}

function covers(v: RuleSource, day: IsoDate): boolean {
  return (v.validFrom === null || compareIso(v.validFrom, day) <= 0) && (v.validTo === null || compareIso(day, v.validTo) <= 0);
}

export function versionInForce<P>(table: RuleTable<P>, day: IsoDate): RuleVersion<P> {
  const found = table.versions.find((v) => covers(v, day));
  // A table that leaves a day uncovered is a programming error, not user input.
  if (!found) throw new Error(`No version of ${table.name} applies on ${day}`);
  return found;
}

/** Problems with a table's dates: a gap, an overlap, or an open end that is not the last row. */
export function tableProblems(table: RuleTable<unknown>): string[] {
  const problems: string[] = [];
  const vs = table.versions;
  if (vs.length === 0) return [`${table.name} has no versions`];
  if (vs[0]!.validFrom !== null) problems.push(`${table.name} does not cover the days before ${vs[0]!.validFrom}`);
  if (vs.at(-1)!.validTo !== null) problems.push(`${table.name} ends on ${vs.at(-1)!.validTo}`);
  for (let i = 1; i < vs.length; i++) {
    const before = vs[i - 1]!;
    const v = vs[i]!;
    if (before.validTo === null || v.validFrom === null) {
      problems.push(`${table.name}: version ${i} follows an open-ended version`);
      continue;
    }
    const dayAfter = new Date(Date.parse(`${before.validTo}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    if (dayAfter !== v.validFrom) problems.push(`${table.name}: ${before.validTo} is not the day before ${v.validFrom}`);
  }
  return problems;
}

/** "gælder fra 01.07.2026", "gælder til og med 30.06.2026", "gælder fra 01.01.2027 til og med …", or "gælder" for an unchanged rule. */
export function validityText(v: RuleSource): string {
  if (v.validFrom !== null && v.validTo !== null) {
    return `gælder fra ${formatDanishDate(v.validFrom)} til og med ${formatDanishDate(v.validTo)}`;
  }
  if (v.validFrom !== null) return `gælder fra ${formatDanishDate(v.validFrom)}`;
  if (v.validTo !== null) return `gælder til og med ${formatDanishDate(v.validTo)}`;
  return "gælder uændret";
}
