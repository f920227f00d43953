/**
 * What a document kind is: one file per kind in app/documents/ fills this in,
 * and index.ts registers it. The kind's file owns its stored content's schema
 * (parsed on every read), the typed resolver into its PDF template, and its
 * hooks into submission and review; the models ask the registry instead of
 * switching on the type.
 */
import type { z } from "zod";
import type { Db, Tx } from "~db/client.server";
import type { Absence, Employee } from "~db/schema";
import type { IsoDate } from "~/domain/dates";
import type { DocumentType } from "~/domain/documents";
import type { DescribedEntry } from "~/domain/version-diff";
import { renderFrozenPdf } from "~/pdf/frozen-pdf-cache.server";
import { renderPdf, type RenderMeta } from "~/pdf/render.server";
import type { FormTemplate } from "../../templates/types";

/** What a PDF of one version is made from, besides the version's content. */
export interface PdfSource {
  db: Db | Tx;
  employee: Employee;
  /** The absence the document belongs to; null for the kinds that belong to the employee. */
  absence: Absence | null;
  documentId?: number;
  company: { name: string; cvr: string };
  contactPerson: string;
  asOf: IsoDate;
  /** A section printed after the parties for one reader only (the jobcenter's copy). */
  supplement?: RenderMeta["supplement"];
  /**
   * A sent version: `key` names the version and the copy (the employer's, the jobcenter's), and
   * `asOf` and `contactPerson` are the same for every reader, so its PDF is kept (docs/decisions/012).
   */
  frozen?: { key: string; sentAt: string };
}

/** The absence facts a kind's content sets when it is submitted (and on every later save). */
export type AbsenceFactChanges = Partial<Pick<Absence, "fastTrackRequestedOn" | "fastTrackDeclined">>;

export interface DocumentKind<Content, PdfData> {
  type: DocumentType;
  /** The stored content as written by this kind's forms; every read parses it. */
  content: z.ZodType<Content>;
  /** A content as the demo and the national seeder make it: the registry test parses and renders it. */
  demoContent: NoInfer<Content>;
  /** Whether the kind needs an absence (its PDF and its facts are about one). */
  needsAbsence: boolean;
  template: FormTemplate<PdfData>;
  /**
   * A version as the document's summary on the HR and caseworker pages shows it (the same fields,
   * labels and printed values), for the changes between versions: no field the pages do not show.
   */
  describe: (content: NoInfer<Content>) => DescribedEntry[];
  /** The typed resolver's input: the template's data for one version. */
  pdfData: (source: PdfSource, content: NoInfer<Content>) => NoInfer<PdfData> | Promise<NoInfer<PdfData>>;
  /** The file name: the kind and a date, never a name or CPR number. */
  pdfFilename: (source: PdfSource, content: NoInfer<Content>) => string;
  /** Why the document cannot be sent to the jobcenter yet, in Danish; null when it can. */
  readyToSubmit?: (tx: Tx, doc: { id: number; absenceId: number | null }, content: NoInfer<Content>) => string | null | Promise<string | null>;
  /** What a sent document says about its absence. */
  absenceFacts?: (content: NoInfer<Content>) => AbsenceFactChanges;
  /**
   * What the municipality's approval does, inside the review transaction; it
   * throws a ValidationError at `approvedOn` when the date it needs is wrong.
   */
  approve?: (tx: Tx, input: { documentId: number; approvedOn: IsoDate | undefined; asOf: IsoDate }) => void | Promise<void>;
  /**
   * The employer answers a request for information with a reply alone (no edit page): the sent
   * content goes back as a new version with it.
   */
  answeredByReplyAlone?: boolean;
  /**
   * The kinds edited on the shared edit page (virksomhed.dokumenter.$documentId.rediger): the form's
   * schema; `<kind>.summary.tsx` holds the form.
   */
  editSchema?: (input: { asOf: IsoDate; firstAbsenceDay: IsoDate }) => z.ZodType;
  /** The employer answers a request for information on a page of the employee's (the record the document is sent from). */
  answeredOnOwnPage?: boolean;
  /** The kinds the employer starts from the absence page; `<kind>.summary.tsx` holds the link. */
  startOnAbsence?: StartOnAbsence;
  /**
   * That the employee has such a document is itself health information (a chronic illness, work on
   * special terms): an e-mail names it only "Dokument".
   */
  privateInMail?: boolean;
  /** The reference of a document that belongs to no absence (its PDF, calendar and mail carry it); null: "DOK" and the document's number. */
  reference?: (db: Db | Tx, doc: { id: number; employeeId: number }) => string | null | Promise<string | null>;
}

/** When a kind can be started from the absence page. */
export interface StartOnAbsence {
  /** At most one document of the kind per absence. */
  onePerAbsence: boolean;
  /** Why none can be started now, in Danish; null when one can. */
  refusal?: (absence: Absence, asOf: IsoDate) => string | null;
}

/** A kind with its content type erased: every entry point parses the stored content first. */
export interface RegisteredKind {
  type: DocumentType;
  needsAbsence: boolean;
  demoContent: unknown;
  parse: (content: unknown) => unknown;
  describe: (content: unknown) => DescribedEntry[];
  renderPdf: (source: PdfSource, content: unknown) => Promise<{ bytes: Uint8Array; filename: string }>;
  readyToSubmit: (tx: Tx, doc: { id: number; absenceId: number | null }, content: unknown) => Promise<string | null>;
  absenceFacts: (content: unknown) => AbsenceFactChanges | null;
  /** Present when approval does more than change the submission's status. */
  approve: ((tx: Tx, input: { documentId: number; approvedOn: IsoDate | undefined; asOf: IsoDate }) => Promise<void>) | null;
  answeredByReplyAlone: boolean;
  answeredOnOwnPage: boolean;
  editSchema: ((input: { asOf: IsoDate; firstAbsenceDay: IsoDate }) => z.ZodType) | null;
  startOnAbsence: StartOnAbsence | null;
  privateInMail: boolean;
  reference: (db: Db | Tx, doc: { id: number; employeeId: number }) => Promise<string | null>;
}

export function defineKind<Content, PdfData>(kind: DocumentKind<Content, PdfData>): RegisteredKind {
  const parse = (content: unknown): Content => kind.content.parse(content);
  const { approve, reference } = kind;
  return {
    type: kind.type,
    needsAbsence: kind.needsAbsence,
    demoContent: kind.demoContent,
    parse,
    describe: (content) => kind.describe(parse(content)),
    renderPdf: async (source, content) => {
      const c = parse(content);
      const data = await kind.pdfData(source, c);
      const meta = { companyName: source.company.name, generatedOn: source.asOf, supplement: source.supplement };
      const bytes = source.frozen
        ? await renderFrozenPdf(source.frozen.key, kind.template, data, { ...meta, frozen: { id: source.frozen.key, sentAt: source.frozen.sentAt } })
        : await renderPdf(kind.template, data, meta);
      return { bytes, filename: kind.pdfFilename(source, c) };
    },
    readyToSubmit: async (tx, doc, content) => (kind.readyToSubmit ? await kind.readyToSubmit(tx, doc, parse(content)) : null),
    absenceFacts: (content) => (kind.absenceFacts ? kind.absenceFacts(parse(content)) : null),
    approve: approve ? async (tx, input) => await approve(tx, input) : null,
    answeredByReplyAlone: kind.answeredByReplyAlone ?? false,
    answeredOnOwnPage: kind.answeredOnOwnPage ?? false,
    editSchema: kind.editSchema ?? null,
    startOnAbsence: kind.startOnAbsence ?? null,
    privateInMail: kind.privateInMail ?? false,
    reference: async (db, doc) => (reference ? await reference(db, doc) : null),
  };
}
