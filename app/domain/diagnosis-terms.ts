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
  "akut stressreaktion", "stressreaktion", "stresssygemeldt", "stressdiagnose", "tilpasningsreaktion", "personlighedsforstyrrelse",
  "borderline", "tvangstanker", "socialfobi", "fobi", "generaliseret angst", "fødselsdepression", "tourette", "ordblindhed",
  "hjernetumor", "hjernesvulst", "modermærkekræft", "melanom", "tarmkræft", "lungekræft", "livmoderhalskræft", "metastaser",
  "stråleterapi", "strålebehandlet", "kemo", "insulinkrævende", "hjertekrampe", "angina", "bypass", "pacemaker",
  "hjerteklapfejl", "åreforkalkning", "trombose", "lungeemboli", "blodpropper", "stroke", "tia", "hjerneskade", "rygmarvsskade",
  "lammelse", "amputation", "nakkeprolaps", "rygprolaps", "spinalstenose", "skoliose", "morbus bechterew", "bechterew",
  "urinsyregigt", "fibromyalgisyndrom", "senebetændelse", "seneskedehindebetændelse", "slimsækbetændelse", "albuebetændelse",
  "hofteartrose", "knæartrose", "menisklæsion", "korsbåndsskade", "achillessenesprængning", "brud", "knoglebrud", "fraktur",
  "hernie", "lyskebrok", "blindtarmsbetændelse", "galdeblærebetændelse", "mavesår", "refluks", "colitis ulcerosa",
  "morbus crohn", "irritabel tyktarm", "nyrebetændelse", "blærebetændelse", "kronisk nyresygdom", "leversygdom", "skrumpelever",
  "cirrose", "hiv-positiv", "klamydia", "herpes", "helvedesild", "mononukleose", "kyssesyge", "influenza", "corona",
  "senfølger efter covid", "postcovid", "lungefibrose", "emfysem", "allergi", "høfeber", "nældefeber", "kronisk smerte",
  "kroniske smerter", "smertesyndrom", "hovedpinesyndrom", "klyngehovedpine", "svimmelhed", "vertigo", "synsnedsættelse",
  "blindhed", "døvhed", "høretab", "abort", "spontan abort", "fertilitetsbehandling", "ivf", "graviditet", "svangerskab",
  "overgangsalder", "klimakterie", "alkoholmisbrug", "stofmisbrug", "ludomani", "selvmordsforsøg", "selvskade",
  "kol-patient", "astmatiker", "diabetiker", "epileptiker", "sclerose", "dissemineret sklerose", "als", "cerebral parese",
  "stressramt", "stresssyg", "stressbehandling", "panikanfald", "angstanfald", "psykisk syg", "psykisk sygdom", "psykisk lidelse",
  "psykiske lidelser", "hjertesyg", "epileptisk", "astmatisk", "diabetisk", "kræftpatient", "migræneanfald", "ms-patient",
];

/**
 * Second parts of compounds that name an illness whatever comes before them
 * ("hjertesygdom", "sindslidelse", "hudkræft"). They match only with a prefix:
 * alone, "sygdommen" and "lidelsen" are the words the forms themselves use
 * ("Lidelsens betydning for arbejdet").
 */
export const DIAGNOSIS_COMPOUND_ENDINGS: readonly string[] = [
  "sygdom", "lidelse", "betændelse", "kræft", "cancer", "prolaps", "sklerose", "gigt", "artrose", "svulst", "tumor",
  "depression", "angst", "infarkt", "emboli", "trombose", "diabetes", "epilepsi", "misbrug", "psykose", "syndrom",
];

/**
 * Endings a Danish word takes: definite and plural forms ("depressionen",
 * "prolapser"), adjectives ("depressive") and the second parts of the usual
 * compounds ("kræftsyg", "stressramt", "migræneanfald", "kræftsygdommen").
 */
const INFLECTIONS = ["e", "en", "ens", "er", "erne", "ernes", "ers", "es", "et", "ets", "n", "ns", "r", "rne", "rnes", "s", "t", "ne", "nes", "me", "men", "mene"];
const COMPOUND_TAILS = ["syg", "syge", "sygdom", "ramt", "ramte", "patient", "behandling", "behandlet", "anfald", "lidelse", "diagnose", "sygemeldt", "sygemelding"];

/**
 * Ordinary words that look like an inflected term: "kræfter" (strength), "brokker
 * sig" (complains), "misbruge" (abuse trust). Without them the warning would cry
 * wolf in texts about the work.
 */
const ORDINARY_WORDS = new Set(["kræfter", "kræfterne", "kræfternes", "brokke", "brokker", "brokkede", "brokket", "misbruge", "misbruges", "brude", "bruden", "brudene"]);

// Abbreviations and very short terms match only as they are: "ms" must not find "mse", "add" not "adde".
const EXACT_ONLY = (term: string) => term.length < 4 || /^(adhd|ptsd|aids|tia|ivf|ocd)$/.test(term);

function escape(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

const alternatives = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).map(escape).join("|");
const ENDING = `(?:(?:${alternatives(COMPOUND_TAILS)})(?:${alternatives(INFLECTIONS)})?|${alternatives(INFLECTIONS)})?`;
const inflectable = DIAGNOSIS_TERMS.filter((t) => !EXACT_ONLY(t));
const exact = DIAGNOSIS_TERMS.filter(EXACT_ONLY);

// Whole words only, so "ms" does not match "forms" and "add" not "addere"; longest alternatives first.
const PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(` +
    [`(?:${alternatives(inflectable)})${ENDING}`, `(?:${alternatives(exact)})`, `\\p{L}{2,}(?:${alternatives(DIAGNOSIS_COMPOUND_ENDINGS)})${ENDING}`].join("|") +
    `)(?![\\p{L}\\p{N}])`,
  "giu",
);

/** The diagnosis terms found in a text as written there (lower-cased, each once). */
export function findDiagnosisTerms(text: string): string[] {
  const found = [...text.matchAll(PATTERN)].map((m) => m[1]!.toLocaleLowerCase("da")).filter((w) => !ORDINARY_WORDS.has(w));
  return [...new Set(found)];
}
