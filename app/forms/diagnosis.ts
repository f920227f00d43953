import type { z } from "zod";
import { findDiagnosisTerms } from "~/domain/diagnosis-terms";

export const NO_DIAGNOSIS_HINT = "Skriv om betydningen for arbejdet – ikke om sygdommen eller diagnosen.";

/**
 * Flags each free-text field that names a diagnosis (helbredsoplysningsloven:
 * the employer may ask about the consequences for the work, never the
 * illness), unless the user has confirmed the text names none.
 */
export function flagDiagnosisTerms(ctx: z.RefinementCtx, texts: ReadonlyArray<[path: Array<string | number>, text: string | undefined | null]>, confirmed: boolean): void {
  if (confirmed) return;
  for (const [path, text] of texts) {
    const terms = typeof text === "string" && text ? findDiagnosisTerms(text) : [];
    if (terms.length === 0) continue;
    ctx.addIssue({
      code: "custom",
      path,
      message: `Teksten ser ud til at nævne en diagnose (${terms.join(", ")}). Beskriv i stedet betydningen for arbejdet, eller bekræft nedenfor, at teksten ikke oplyser en diagnose.`,
    });
  }
}
