/**
 * Danish number and count wording, shared by pages, e-mails and PDFs, so a
 * count or a decimal reads the same everywhere ("1 overskredet frist",
 * "37,5 timer").
 */

/** "1 overskredet frist", "3 overskredne frister": Danish has one form for 1 and one for every other count, 0 included. */
export function plural(n: number, one: string, many: string): string {
  return `${formatDanishNumber(n)} ${pluralWord(n, one, many)}`;
}

/** The word alone, for sentences that place the number themselves. */
export function pluralWord(n: number, one: string, many: string): string {
  return Math.abs(n) === 1 ? one : many;
}

/** A number with a decimal comma and no thousands separator, as a Danish form shows it: 37.5 → "37,5". */
export function formatDanishNumber(n: number): string {
  return String(n).replace(".", ",");
}

/**
 * A typed number as Danish users write it ("37,5", "37.5", " 8 "), or null
 * when it is no finite number. Either mark is read as the decimal mark: no
 * field here takes numbers large enough for a thousands separator.
 */
export function parseDanishNumber(input: string): number | null {
  const s = input.trim().replace(/\s+/g, "");
  if (!/^[-+]?(\d+([.,]\d+)?|[.,]\d+)$/.test(s)) return null;
  const n = Number(s.replace(",", "."));
  return Number.isFinite(n) ? n : null;
}
