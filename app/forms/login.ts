import { z } from "zod";
import "./danish-errors";

export const LoginSchema = z.object({
  email: z
    .string({ error: "Indtast din e-mailadresse." })
    .trim()
    .min(1, "Indtast din e-mailadresse.")
    .max(254, "E-mailadressen er for lang.")
    .pipe(z.email({ error: "Indtast en gyldig e-mailadresse, fx navn@firma.dk." })),
  password: z.string({ error: "Indtast din adgangskode." }).min(1, "Indtast din adgangskode.").max(1024, "Adgangskoden er for lang."),
  // Where to go after login: a hidden field; a malformed one is ignored like an unsafe one (safeRedirect).
  redirectTo: z.string().optional().catch(undefined),
});

export const LOGIN_FAILED_MESSAGE = "Forkert e-mail eller adgangskode.";
export const LOGIN_THROTTLED_MESSAGE =
  "For mange mislykkede forsøg på at logge ind. Vent et kvarter, og prøv igen.";
/** The account's ceiling across addresses: the owner gets in again at once with a reset link. */
export const LOGIN_ACCOUNT_THROTTLED_MESSAGE =
  "For mange mislykkede forsøg på at logge ind på denne bruger. Log ind er spærret et stykke tid; vælg »Glemt adgangskode?« for at komme ind med det samme.";
