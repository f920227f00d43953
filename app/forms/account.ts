import { z } from "zod";
import "./danish-errors";
import { checkbox } from "./fields";
import { accessLevel, departmentIds, managerHasDepartments, NO_DEPARTMENT } from "./departments";

export const PASSWORD_MIN_LENGTH = 10;

/** Under every new-password field: the server also refuses a guessable password (app/utils/password-strength.server.ts). */
export function newPasswordHint(minLength: number): string {
  return `Mindst ${minLength} tegn og ikke let at gætte – fx tre eller fire ord, der ikke hører sammen. Undgå almindelige adgangskoder, talrækker og dit eget navn.`;
}

const email = z
  .string({ error: "Indtast en e-mailadresse." })
  .trim()
  .min(1, "Indtast en e-mailadresse.")
  .max(254, "E-mailadressen er for lang.")
  .pipe(z.email({ error: "Indtast en gyldig e-mailadresse, fx navn@firma.dk." }));

const name = z
  .string({ error: "Indtast et navn." })
  .trim()
  .min(1, "Indtast et navn.")
  .max(200, "Navnet må højst have 200 tegn.");

const newPassword = z
  .string({ error: "Vælg en adgangskode." })
  .min(PASSWORD_MIN_LENGTH, `Adgangskoden skal have mindst ${PASSWORD_MIN_LENGTH} tegn.`)
  .max(1024, "Adgangskoden er for lang.");

const passwordRepeat = z.string({ error: "Gentag adgangskoden." }).min(1, "Gentag adgangskoden.");

/** A new password typed twice, so a typo does not lock the user out. */
function samePassword(v: { password: string; passwordRepeat: string }) {
  return v.password === v.passwordRepeat;
}
const SAME_PASSWORD = { path: ["passwordRepeat"], message: "De to adgangskoder er ikke ens." };

/** A company's administrator also chooses the invitee's reach (a jobcenter's invitation ignores it). */
export const InviteSchema = z
  .object({ email, name, accessLevel: accessLevel.default("hr"), departmentIds })
  .refine(managerHasDepartments, { path: ["departmentIds"], message: NO_DEPARTMENT });

export const ResetRequestSchema = z.object({ email });

export const NewPasswordSchema = z.object({ password: newPassword, passwordRepeat }).refine(samePassword, SAME_PASSWORD);

export const AcceptInvitationSchema = z.object({ name, password: newPassword, passwordRepeat }).refine(samePassword, SAME_PASSWORD);

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Indtast din nuværende adgangskode." }).min(1, "Indtast din nuværende adgangskode.").max(1024, "Adgangskoden er for lang."),
    password: newPassword,
    passwordRepeat,
  })
  .refine(samePassword, SAME_PASSWORD);

export const MailPreferencesSchema = z.object({ digest: checkbox, immediate: checkbox });

/** The one answer to a reset request, whether the address has a user or not. */
export const RESET_REQUESTED_MESSAGE =
  "Hvis adressen hører til en bruger i Fasthold, har vi sendt en e-mail med et link til at vælge en ny adgangskode. Linket virker i 1 time.";
