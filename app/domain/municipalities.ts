/**
 * The 98 Danish municipalities with their official codes. A sickness-absence
 * case belongs to the employee's home municipality (handlekommune,
 * Retssikkerhedsloven § 9), not the employer's.
 */

export const HOME_MUNICIPALITY_BASIS = "Retssikkerhedsloven § 9";

export type Region =
  | "Region Hovedstaden"
  | "Region Sjælland"
  | "Region Syddanmark"
  | "Region Midtjylland"
  | "Region Nordjylland";

export interface Municipality {
  readonly code: number;
  readonly name: string;
  readonly region: Region;
}

const H = "Region Hovedstaden";
const SJ = "Region Sjælland";
const SD = "Region Syddanmark";
const MJ = "Region Midtjylland";
const NJ = "Region Nordjylland";

export const MUNICIPALITIES = [
  { code: 101, name: "København", region: H },
  { code: 147, name: "Frederiksberg", region: H },
  { code: 151, name: "Ballerup", region: H },
  { code: 153, name: "Brøndby", region: H },
  { code: 155, name: "Dragør", region: H },
  { code: 157, name: "Gentofte", region: H },
  { code: 159, name: "Gladsaxe", region: H },
  { code: 161, name: "Glostrup", region: H },
  { code: 163, name: "Herlev", region: H },
  { code: 165, name: "Albertslund", region: H },
  { code: 167, name: "Hvidovre", region: H },
  { code: 169, name: "Høje-Taastrup", region: H },
  { code: 173, name: "Lyngby-Taarbæk", region: H },
  { code: 175, name: "Rødovre", region: H },
  { code: 183, name: "Ishøj", region: H },
  { code: 185, name: "Tårnby", region: H },
  { code: 187, name: "Vallensbæk", region: H },
  { code: 190, name: "Furesø", region: H },
  { code: 201, name: "Allerød", region: H },
  { code: 210, name: "Fredensborg", region: H },
  { code: 217, name: "Helsingør", region: H },
  { code: 219, name: "Hillerød", region: H },
  { code: 223, name: "Hørsholm", region: H },
  { code: 230, name: "Rudersdal", region: H },
  { code: 240, name: "Egedal", region: H },
  { code: 250, name: "Frederikssund", region: H },
  { code: 260, name: "Halsnæs", region: H },
  { code: 270, name: "Gribskov", region: H },
  { code: 400, name: "Bornholm", region: H },

  { code: 253, name: "Greve", region: SJ },
  { code: 259, name: "Køge", region: SJ },
  { code: 265, name: "Roskilde", region: SJ },
  { code: 269, name: "Solrød", region: SJ },
  { code: 306, name: "Odsherred", region: SJ },
  { code: 316, name: "Holbæk", region: SJ },
  { code: 320, name: "Faxe", region: SJ },
  { code: 326, name: "Kalundborg", region: SJ },
  { code: 329, name: "Ringsted", region: SJ },
  { code: 330, name: "Slagelse", region: SJ },
  { code: 336, name: "Stevns", region: SJ },
  { code: 340, name: "Sorø", region: SJ },
  { code: 350, name: "Lejre", region: SJ },
  { code: 360, name: "Lolland", region: SJ },
  { code: 370, name: "Næstved", region: SJ },
  { code: 376, name: "Guldborgsund", region: SJ },
  { code: 390, name: "Vordingborg", region: SJ },

  { code: 410, name: "Middelfart", region: SD },
  { code: 420, name: "Assens", region: SD },
  { code: 430, name: "Faaborg-Midtfyn", region: SD },
  { code: 440, name: "Kerteminde", region: SD },
  { code: 450, name: "Nyborg", region: SD },
  { code: 461, name: "Odense", region: SD },
  { code: 479, name: "Svendborg", region: SD },
  { code: 480, name: "Nordfyns", region: SD },
  { code: 482, name: "Langeland", region: SD },
  { code: 492, name: "Ærø", region: SD },
  { code: 510, name: "Haderslev", region: SD },
  { code: 530, name: "Billund", region: SD },
  { code: 540, name: "Sønderborg", region: SD },
  { code: 550, name: "Tønder", region: SD },
  { code: 561, name: "Esbjerg", region: SD },
  { code: 563, name: "Fanø", region: SD },
  { code: 573, name: "Varde", region: SD },
  { code: 575, name: "Vejen", region: SD },
  { code: 580, name: "Aabenraa", region: SD },
  { code: 607, name: "Fredericia", region: SD },
  { code: 621, name: "Kolding", region: SD },
  { code: 630, name: "Vejle", region: SD },

  { code: 615, name: "Horsens", region: MJ },
  { code: 657, name: "Herning", region: MJ },
  { code: 661, name: "Holstebro", region: MJ },
  { code: 665, name: "Lemvig", region: MJ },
  { code: 671, name: "Struer", region: MJ },
  { code: 706, name: "Syddjurs", region: MJ },
  { code: 707, name: "Norddjurs", region: MJ },
  { code: 710, name: "Favrskov", region: MJ },
  { code: 727, name: "Odder", region: MJ },
  { code: 730, name: "Randers", region: MJ },
  { code: 740, name: "Silkeborg", region: MJ },
  { code: 741, name: "Samsø", region: MJ },
  { code: 746, name: "Skanderborg", region: MJ },
  { code: 751, name: "Aarhus", region: MJ },
  { code: 756, name: "Ikast-Brande", region: MJ },
  { code: 760, name: "Ringkøbing-Skjern", region: MJ },
  { code: 766, name: "Hedensted", region: MJ },
  { code: 779, name: "Skive", region: MJ },
  { code: 791, name: "Viborg", region: MJ },

  { code: 773, name: "Morsø", region: NJ },
  { code: 787, name: "Thisted", region: NJ },
  { code: 810, name: "Brønderslev", region: NJ },
  { code: 813, name: "Frederikshavn", region: NJ },
  { code: 820, name: "Vesthimmerlands", region: NJ },
  { code: 825, name: "Læsø", region: NJ },
  { code: 840, name: "Rebild", region: NJ },
  { code: 846, name: "Mariagerfjord", region: NJ },
  { code: 849, name: "Jammerbugt", region: NJ },
  { code: 851, name: "Aalborg", region: NJ },
  { code: 860, name: "Hjørring", region: NJ },
] as const satisfies readonly Municipality[];

/** A municipality code as a string literal, e.g. "751" (form values are strings). */
export type MunicipalityCode = `${(typeof MUNICIPALITIES)[number]["code"]}`;

/** All codes as strings, in list order; pass straight to z.enum(MUNICIPALITY_CODES). */
export const MUNICIPALITY_CODES = MUNICIPALITIES.map((m) => String(m.code)) as unknown as readonly [
  MunicipalityCode,
  ...MunicipalityCode[],
];

/** Official names that are not "<name> Kommune". */
const SPECIAL_LABELS: ReadonlyMap<number, string> = new Map([
  [101, "Københavns Kommune"],
  [400, "Bornholms Regionskommune"],
]);

const byCode: ReadonlyMap<number, Municipality> = new Map(MUNICIPALITIES.map((m) => [m.code, m]));

function toCodeNumber(code: number | string): number | null {
  const n = typeof code === "number" ? code : /^\d{3}$/.test(code) ? Number(code) : NaN;
  return Number.isInteger(n) ? n : null;
}

export function isMunicipalityCode(code: unknown): code is MunicipalityCode {
  return typeof code === "string" && municipalityByCode(code) !== null;
}

/** Accepts the code as a number (751) or as its string form ("751"). */
export function municipalityByCode(code: number | string): Municipality | null {
  const n = toCodeNumber(code);
  return n === null ? null : (byCode.get(n) ?? null);
}

/** The official name, e.g. "Aarhus Kommune"; null for an unknown code. */
export function municipalityLabel(code: number | string): string | null {
  const municipality = municipalityByCode(code);
  if (!municipality) return null;
  return SPECIAL_LABELS.get(municipality.code) ?? `${municipality.name} Kommune`;
}

/** "Overtaget fra Aarhus Kommune" when a submission was sent to another municipality than the one it belongs to now. */
export function takenOverFrom(sentTo: number, owner: number): string | null {
  return sentTo === owner ? null : (municipalityLabel(sentTo) ?? String(sentTo));
}

/**
 * Letters only, lower case, with æ/ø/å and their two-letter spellings (ae, oe, aa) folded
 * alike: "Århus", "Aarhus" and "AARHUS " are one name, "Høje-Taastrup" and "Hoeje Taastrup" too.
 */
export function foldDanish(text: string): string {
  return text
    .normalize("NFC")
    .toLocaleLowerCase("da")
    .replace(/æ|ä/g, "a")
    .replace(/ø|ö/g, "o")
    .replace(/å/g, "a")
    .replace(/é|è/g, "e")
    .replace(/ü/g, "u")
    .replace(/ae/g, "a")
    .replace(/oe/g, "o")
    .replace(/aa/g, "a")
    .replace(/[^a-z0-9]/g, "");
}

const byFoldedName: ReadonlyMap<string, Municipality> = new Map(MUNICIPALITIES.map((m) => [foldDanish(m.name), m]));

/**
 * A municipality as an HR or payroll file writes it: the code (751, "0751") or the
 * name, with or without "Kommune" ("Aarhus", "Aarhus Kommune", "Københavns Kommune").
 */
export function municipalityFromText(text: string): Municipality | null {
  const trimmed = text.trim();
  if (/^\d{1,4}$/.test(trimmed)) return byCode.get(Number(trimmed)) ?? null;
  let key = foldDanish(trimmed).replace(/(regions)?kommune$/, "");
  if (key.startsWith("kommune")) key = key.slice("kommune".length);
  return byFoldedName.get(key) ?? (key.endsWith("s") ? (byFoldedName.get(key.slice(0, -1)) ?? null) : null);
}
