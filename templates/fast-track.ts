import type { IsoDate } from "~/domain/dates";
import { fastTrackWindowTerms } from "~/domain/fast-track";
import { partiesSection, partiesValues } from "./parties";
import { defineTemplate } from "./types";

export interface FastTrackPdfData {
  reference: string;
  company: { name: string; cvr: string };
  contactPerson: string;
  employee: { name: string; jobTitle: string };
  firstAbsenceDay: IsoDate;
  requestedOn: IsoDate;
  affectedFunctions: string;
  affectedDuration: string;
  adaptations: string;
  employeeConsent: "agreed" | "declined" | "pending";
  firstFollowUpDue: IsoDate;
}

// The footer states the window of the rule that computes it (app/domain/fast-track.ts).
const FAST_TRACK = fastTrackWindowTerms();

export const FAST_TRACK_CONSENT_LABELS = [
  { value: "agreed", label: "Indforstået" },
  { value: "declined", label: "Ønsker ikke fast track" },
  { value: "pending", label: "Har endnu ikke svaret" },
] as const;

/** The employer's record of a request for early follow-up (SDL § 7 c; BEK 1710/2024 § 3). */
export const fastTrackTemplate = defineTemplate({
  id: "fast-track",
  title: "Anmodning om fast track – tidlig opfølgning",
  legalBasis: "Sygedagpengeloven § 7 c og § 13 b, stk. 2, og bekendtgørelse nr. 1710 af 2024, § 3",
  intro: "Arbejdsgiverens anmodning til kommunen om tidlig opfølgning på en medarbejders sygefravær.",
  sections: [
    partiesSection("Sagsnummer", [{ name: "contactPerson", label: "Kontaktperson", kind: "text", filledBy: "employer" }]),
    {
      heading: "Sygefraværet",
      fields: [
        { name: "firstAbsenceDay", label: "Første fraværsdag", kind: "date", filledBy: "employer" },
        { name: "requestedOn", label: "Dato for anmodningen", kind: "date", filledBy: "employer" },
        { name: "firstFollowUpDue", label: "Kommunens første opfølgning senest", kind: "date", filledBy: "employer" },
      ],
    },
    {
      heading: "De tre spørgsmål",
      fields: [
        { name: "affectedFunctions", label: "1. Hvilke arbejdsfunktioner er påvirket af sygdommen?", kind: "multiline", filledBy: "employer" },
        { name: "affectedDuration", label: "2. Hvor længe har sygdommen påvirket arbejdet?", kind: "multiline", filledBy: "employer" },
        { name: "adaptations", label: "3. Er arbejdet blevet tilpasset, og hvordan?", kind: "multiline", filledBy: "employer" },
      ],
    },
    {
      heading: "Medarbejderens stilling til fast track",
      fields: [{ name: "employeeConsent", label: "Medarbejderen", kind: "choice", filledBy: "employer", options: FAST_TRACK_CONSENT_LABELS }],
    },
  ],
  footer:
    `Anmodningen skal ske inden for de første ${FAST_TRACK.weeks} uger af fraværet (senest første fraværsdag + ${FAST_TRACK.lastDayOffset} dage), når fraværet forventes at vare mere end 8 uger. ` +
    "Kommunen skal holde den første opfølgning senest 2 uger efter anmodningen. Medarbejderen kan sige nej til fast track; så gælder den almindelige frist.",
  noHealthInformationClaim: "Blanketten angiver ikke en diagnose – kun sygdommens betydning for arbejdet.",
  resolve: (d: FastTrackPdfData) => ({
    ...partiesValues(d),
    contactPerson: d.contactPerson,
    firstAbsenceDay: d.firstAbsenceDay,
    requestedOn: d.requestedOn,
    firstFollowUpDue: d.firstFollowUpDue,
    affectedFunctions: d.affectedFunctions,
    affectedDuration: d.affectedDuration,
    adaptations: d.adaptations,
    employeeConsent: d.employeeConsent,
  }),
});
