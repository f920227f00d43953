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
