/** Field types of stored content: what was valid when written, read back as it was stored. */
import { z } from "zod";
import { isIsoDate } from "~/domain/dates";

export const storedDate = z.string().refine(isIsoDate, "Not an ISO date.");
