/** Field types of stored content: what was valid when written, read back as it was stored. */
import { z } from "zod";
import { formatDanishDate, isIsoDate, type IsoDate } from "~/domain/dates";

export const storedDate = z.string().refine(isIsoDate, "Not an ISO date.");

/** A described value as the summary prints it: dates dd.mm.åååå, empty as null. */
export const shownDate = (d: string | null | undefined): string | null => (d ? formatDanishDate(d as IsoDate) : null);
