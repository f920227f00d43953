/**
 * Danish business identifiers.
 */

/** CVR check digits: the weighted digit sum must be divisible by 11 (Erhvervsstyrelsen's modulus-11 control). */
const CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const;
const CVR_MODULUS = 11;
const CVR_PATTERN = /^[1-9]\d{7}$/;

/** True for an 8-digit CVR number (no leading 0) that passes the modulus-11 check. */
export function isValidCvr(s: string): boolean {
  if (!CVR_PATTERN.test(s)) return false;
  const sum = CVR_WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(s[i]), 0);
  return sum % CVR_MODULUS === 0;
}
