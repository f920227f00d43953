/**
 * What may leave the portal by e-mail: an e-mail can be forwarded and is
 * stored outside the portal, so it names an employee only by initials
 * ("Søren Ærø Åberg" → "S.Æ.Å.") next to the case reference.
 */
export function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .map((part) => [...part][0])
    .filter((c): c is string => Boolean(c && /\p{L}/u.test(c)))
    .map((c) => `${c.toLocaleUpperCase("da")}.`)
    .join("");
}
