/**
 * Words that name a diagnosis. The employer may ask about the consequences of
 * an illness for the work, never the illness itself (helbredsoplysningsloven);
 * free text containing one of these gets a warning the user must confirm or rewrite.
 */
export const DIAGNOSIS_TERMS: readonly string[] = [
  "depression", "depressiv", "angst", "angstlidelse", "panikangst", "ptsd", "ocd", "adhd", "add", "autisme", "asperger",
  "bipolar", "skizofreni", "psykose", "spiseforstyrrelse", "anoreksi", "bulimi", "stresslidelse", "belastningsreaktion",
  "udbrændthed", "kræft", "cancer", "tumor", "leukæmi", "lymfom", "brystkræft", "prostatakræft", "kemoterapi", "strålebehandling",
  "diabetes", "sukkersyge", "type 1-diabetes", "type 2-diabetes", "kol", "astma", "bronkitis", "lungebetændelse", "covid",
  "long covid", "sklerose", "ms", "parkinson", "epilepsi", "migræne", "apopleksi", "blodprop", "hjerneblødning", "hjerteinfarkt",
  "hjertesvigt", "atrieflimren", "forhøjet blodtryk", "hypertension", "gigt", "leddegigt", "slidgigt", "artrose", "fibromyalgi",
  "diskusprolaps", "prolaps", "iskias", "hekseskud", "whiplash", "piskesmæld", "hjernerystelse", "menisk", "korsbånd",
  "karpaltunnelsyndrom", "tennisalbue", "frossen skulder", "osteoporose", "knogleskørhed", "crohn", "colitis", "ibs",
  "cøliaki", "endometriose", "graviditetsgener", "hyperemesis", "alkoholisme", "misbrug", "afhængighed", "demens",
  "alzheimer", "hiv", "aids", "hepatitis", "tuberkulose", "borrelia", "psoriasis", "eksem", "lupus", "nyresvigt",
  "dialyse", "stofskiftesygdom", "hypothyreose", "hyperthyreose", "kronisk træthedssyndrom", "me/cfs", "tinnitus",
  "menière", "grå stær", "grøn stær", "nethindeløsning", "søvnapnø", "narkolepsi", "cyste", "brok", "galdesten", "nyresten",
];

function escape(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

// Whole words only, so "ms" does not match "forms" and "add" not "addere".
const PATTERN = new RegExp(`(?<![\\p{L}\\p{N}])(${DIAGNOSIS_TERMS.map(escape).join("|")})(?![\\p{L}\\p{N}])`, "giu");

/** The diagnosis terms found in a text, lower-cased, each once. */
export function findDiagnosisTerms(text: string): string[] {
  return [...new Set([...text.matchAll(PATTERN)].map((m) => m[1]!.toLocaleLowerCase("da")))];
}
