/**
 * Folkepensionsalder (Lov om social pension § 1 a, as amended by L 149
 * 2024-25) and the social-chapter exemption that depends on it
 * (Lov om en aktiv beskæftigelsesindsats §§ 118–119).
 */
import { addMonths, addYears, compareIso, isIsoDate, type IsoDate } from "./dates";

export const PENSION_AGE_BASIS = "Lov om social pension § 1 a";
export const SOCIAL_CHAPTER_BASIS = "Lov om en aktiv beskæftigelsesindsats §§ 118–119";

export interface PensionAgeRule {
  /** First birth date covered (inclusive); null = no lower bound. */
  readonly bornFrom: IsoDate | null;
  /** Last birth date covered (inclusive); null = no upper bound. */
  readonly bornTo: IsoDate | null;
  readonly years: number;
  readonly extraMonths: number;
}

/** The table of Lov om social pension § 1 a; a future reform adds or edits rows here. */
export const PENSION_AGE_TABLE: readonly PensionAgeRule[] = [
  { bornFrom: null, bornTo: "1953-12-31", years: 65, extraMonths: 0 },
  { bornFrom: "1954-01-01", bornTo: "1954-06-30", years: 65, extraMonths: 6 },
  { bornFrom: "1954-07-01", bornTo: "1954-12-31", years: 66, extraMonths: 0 },
  { bornFrom: "1955-01-01", bornTo: "1955-06-30", years: 66, extraMonths: 6 },
  { bornFrom: "1955-07-01", bornTo: "1962-12-31", years: 67, extraMonths: 0 },
  { bornFrom: "1963-01-01", bornTo: "1966-12-31", years: 68, extraMonths: 0 },
  { bornFrom: "1967-01-01", bornTo: "1970-12-31", years: 69, extraMonths: 0 },
  { bornFrom: "1971-01-01", bornTo: null, years: 70, extraMonths: 0 },
];

/** LAB § 118: the 12-month social-chapter requirement lapses 6 years before pension age. */
const SOCIAL_CHAPTER_EXEMPTION_YEARS = 6;
/** LAB § 118: the employment under social chapters must have lasted at least 12 months. */
const SOCIAL_CHAPTER_REQUIRED_MONTHS = 12;

export interface PensionAge {
  readonly years: number;
  readonly months: number;
  /** Age in years as a number, e.g. 65.5. */
  readonly age: number;
}

export interface SocialChapterStatus {
  readonly startedOn: IsoDate;
  readonly completesOn: IsoDate;
  /** Whether the 12 months are required on asOf; null when the birth date is unknown. */
  readonly required: boolean | null;
}

function assertIsoDate(d: IsoDate): void {
  if (!isIsoDate(d)) throw new RangeError(`Not a valid ISO calendar date: "${d}"`);
}

function ruleFor(birthDate: IsoDate): PensionAgeRule {
  assertIsoDate(birthDate);
  const rule = PENSION_AGE_TABLE.find(
    (r) =>
      (r.bornFrom === null || compareIso(birthDate, r.bornFrom) >= 0) &&
      (r.bornTo === null || compareIso(birthDate, r.bornTo) <= 0),
  );
  if (!rule) throw new RangeError(`No pension age rule covers ${birthDate}`);
  return rule;
}

export function pensionAge(birthDate: IsoDate): PensionAge {
  const { years, extraMonths } = ruleFor(birthDate);
  return { years, months: extraMonths, age: years + extraMonths / 12 };
}

/**
 * The day the person reaches folkepensionsalder. Years and extra months are
 * added in one step so the month-end rule clamps at most once (born 29 Feb →
 * 28 Feb in a non-leap pension year).
 */
export function pensionDate(birthDate: IsoDate): IsoDate {
  const { years, extraMonths } = ruleFor(birthDate);
  return addMonths(birthDate, years * 12 + extraMonths);
}

/** LAB § 118: from this day the person is 6 years or less from pension age. */
export function socialChapterExemptFrom(birthDate: IsoDate): IsoDate {
  return addYears(pensionDate(birthDate), -SOCIAL_CHAPTER_EXEMPTION_YEARS);
}

export function socialChapterStatus(input: {
  startedOn: IsoDate;
  birthDate?: IsoDate | null;
  asOf: IsoDate;
}): SocialChapterStatus {
  const { startedOn, birthDate, asOf } = input;
  assertIsoDate(asOf);
  return {
    startedOn,
    completesOn: addMonths(startedOn, SOCIAL_CHAPTER_REQUIRED_MONTHS),
    required: birthDate ? compareIso(asOf, socialChapterExemptFrom(birthDate)) < 0 : null,
  };
}
