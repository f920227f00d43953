/**
 * How guessable a new password is, estimated by zxcvbn-ts (the maintained TypeScript port of
 * Dropbox's zxcvbn) on the server: common passwords, keyboard rows, sequences like 1234567890,
 * repeats, dates, words and names, l33t spellings, and the user's own e-mail, name and
 * organisation. There is no Danish language package for zxcvbn-ts, so the common and English
 * dictionaries are joined by a short list of Danish words people build passwords from.
 * The dictionaries (about 13 MB of heap) are loaded at the first password that is set, not at
 * start, so a server that only serves pages does not carry them.
 */
import type { TranslationKeys, ZxcvbnFactory, ZxcvbnResult } from "@zxcvbn-ts/core";

/** zxcvbn's scale 0–4; 3 is "safely unguessable" (about 10^8 guesses and more) for an online attack with a throttle. */
export const MIN_PASSWORD_SCORE = 3;

// Words Danish users build passwords from: seasons and months, places, clubs, food, family,
// endearments, the product and its domain, and frequent first names.
const DANISH_WORDS = [
  "adgangskode", "kodeord", "hemmelig", "hemmeligt", "velkommen", "sommer", "vinter", "foraar", "forår", "efteraar", "efterår",
  "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december",
  "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag", "jul", "julemand", "påske", "paaske",
  "danmark", "dansk", "danmark1", "københavn", "kobenhavn", "koebenhavn", "aarhus", "århus", "odense", "aalborg", "esbjerg",
  "frederiksberg", "randers", "kolding", "horsens", "vejle", "roskilde", "herning", "silkeborg", "jylland", "sjælland", "fyn",
  "fodbold", "håndbold", "haandbold", "brøndby", "brondby", "fck", "agf", "superliga", "landshold", "danskebank",
  "kærlighed", "kaerlighed", "elskerdig", "jegelskerdig", "skat", "skatter", "skattebasse", "mormor", "morfar", "farmor",
  "farfar", "mor", "far", "hygge", "hyggelig", "smørrebrød", "rødgrød", "frikadeller", "flæskesteg", "kanelsnegl",
  "hund", "kat", "hest", "fasthold", "jobcenter", "kommune", "sygefravær", "sygefravaer", "virksomhed", "firma", "medarbejder",
  "arbejde", "kontor", "hr", "personale", "mette", "hanne", "anne", "kirsten", "susanne", "lone", "jette", "pia", "camilla",
  "søren", "soren", "jens", "peter", "lars", "niels", "anders", "henrik", "thomas", "rasmus", "mads", "frederik", "morten",
  "emma", "ida", "freja", "sofie", "mathilde", "william", "noah", "oscar", "lucas", "magnus", "carl", "viktor", "malthe",
];

const WARNINGS = {
  straightRow: "Taster, der sidder på række på tastaturet, er lette at gætte.",
  keyPattern: "Korte mønstre på tastaturet er lette at gætte.",
  simpleRepeat: "Gentagne tegn som »aaa« er lette at gætte.",
  extendedRepeat: "Gentagne mønstre som »abcabcabc« er lette at gætte.",
  sequences: "Rækkefølger som »abc« eller »1234« er lette at gætte.",
  recentYears: "Årstal fra de seneste år er lette at gætte.",
  dates: "Datoer er lette at gætte.",
  topTen: "Det er en af de allermest brugte adgangskoder.",
  topHundred: "Det er en meget brugt adgangskode.",
  common: "Det er en almindelig adgangskode.",
  similarToCommon: "Den ligner en almindelig adgangskode.",
  wordByItself: "Et enkelt ord er let at gætte.",
  namesByThemselves: "Et enkelt navn eller efternavn er let at gætte.",
  commonNames: "Almindelige navne og efternavne er lette at gætte.",
  userInputs: "Den må ikke indeholde din e-mailadresse, dit navn eller organisationens navn.",
  pwned: "Adgangskoden er kendt fra et datalæk på internettet.",
} satisfies TranslationKeys["warnings"];

const SUGGESTIONS = {
  l33t: "Undgå forudsigelige udskiftninger som »@« for »a«.",
  reverseWords: "Undgå almindelige ord stavet baglæns.",
  allUppercase: "Skriv nogle, men ikke alle bogstaver med stort.",
  capitalization: "Skriv flere end det første bogstav med stort.",
  dates: "Undgå datoer og årstal, der har med dig at gøre.",
  recentYears: "Undgå årstal fra de seneste år.",
  associatedYears: "Undgå årstal, der har med dig at gøre.",
  sequences: "Undgå rækkefølger af tegn.",
  repeated: "Undgå gentagne ord og tegn.",
  longerKeyboardPattern: "Brug længere mønstre på tastaturet, og skift retning flere gange.",
  anotherWord: "Tilføj flere ord, der er mindre almindelige.",
  useWords: "Brug flere ord, men undgå kendte vendinger.",
  noNeed: "En stærk adgangskode behøver ikke symboler, tal eller store bogstaver: flere ord, der ikke hører sammen, er nok.",
  pwned: "Bruger du adgangskoden andre steder, så skift den dér også.",
} satisfies TranslationKeys["suggestions"];

const TIME_ESTIMATION = {
  ltSecond: "under et sekund",
  second: "{base} sekund",
  seconds: "{base} sekunder",
  minute: "{base} minut",
  minutes: "{base} minutter",
  hour: "{base} time",
  hours: "{base} timer",
  day: "{base} dag",
  days: "{base} dage",
  month: "{base} måned",
  months: "{base} måneder",
  year: "{base} år",
  years: "{base} år",
  centuries: "århundreder",
} satisfies TranslationKeys["timeEstimation"];

let estimator: Promise<ZxcvbnFactory> | undefined;

function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
      import("@zxcvbn-ts/language-en"),
    ]);
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary, "danish-words": DANISH_WORDS },
      graphs: common.adjacencyGraphs,
      translations: { warnings: WARNINGS, suggestions: SUGGESTIONS, timeEstimation: TIME_ESTIMATION },
    });
  })();
  return estimator;
}

/** The words of what the user and the page are: "hr@nordbyg.example" gives "nordbyg" and "example" besides itself. */
function personalWords(inputs: ReadonlyArray<string | null | undefined>): string[] {
  const words = new Set<string>();
  for (const input of inputs) {
    if (!input) continue;
    const lower = input.toLocaleLowerCase("da");
    words.add(lower);
    // "Hanne Hansen" is also typed as "hannehansen".
    words.add(lower.replace(/[^\p{L}\p{N}]+/gu, ""));
    for (const part of lower.split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

/**
 * Null when the password is hard enough to guess; otherwise the Danish reason for the field:
 * what makes it guessable (zxcvbn's warning) and what would help.
 */
export async function passwordWeakness(password: string, userInputs: ReadonlyArray<string | null | undefined>): Promise<string | null> {
  const zxcvbn = await loadEstimator();
  const result: ZxcvbnResult = zxcvbn.check(password, [...personalWords(userInputs), "fasthold"]);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const reason = result.feedback.warning ?? "Adgangskoden er for let at gætte.";
  const help = result.feedback.suggestions[0] ?? "Brug fx tre eller fire ord, der ikke hører sammen.";
  return `Adgangskoden er for let at gætte. ${reason === "Adgangskoden er for let at gætte." ? "" : `${reason} `}${help}`;
}
