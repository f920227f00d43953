/**
 * What scripts/seed-national.mjs needs from the app, reached through the
 * build's entry module: the generated data is computed with the same rules
 * and checked with the same schemas the portal reads it with.
 */
export { hashPassword } from "./password.server";
export { registerSqlFunctions } from "~db/client.server";
export { isValidCvr } from "~/domain/identifiers";
export { MUNICIPALITIES } from "~/domain/municipalities";
export { addDays, addMonths, todayInCopenhagen } from "~/domain/dates";
export { agreementValidUntil } from "~/domain/paragraph56";
export { pensionDate, socialChapterExemptFrom, socialChapterStatus } from "~/domain/pension-age";
export { fastTrackRefusal } from "~/domain/fast-track";
export { fastTrackRequestSchema } from "~/forms/fast-track";
export { socialChapterSchema } from "~/forms/social-chapter";
export { fastholdelsesplanSchema } from "~/forms/fastholdelsesplan";
export { missingSteps } from "~/forms/mulighedserklaering";
