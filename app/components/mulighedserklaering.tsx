import { getFormProps, type FieldMetadata, type FormMetadata } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { formatDanishDate } from "~/domain/dates";
import { doctorDeadlineStatus, MULIGHEDSERKLAERING_BASIS, type MulighedserklaeringRecord } from "~/domain/mulighedserklaering";
import { DOCTOR_OUTCOME_OPTIONS, MULIGHEDSERKLAERING_STATUS_LABELS } from "~/forms/mulighedserklaering";
import { DanishDate, StatusBadge } from "./deadlines";
import { TextField } from "./form";

interface Declaration {
  record: MulighedserklaeringRecord;
  missing: string[];
  attachments: Array<{ id: number; sizeBytes: number; uploadedAt: string }>;
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

/** The doctor's part of a mulighedserklæring: its state, deadline, answer and returned files. */
export function DoctorPart(props: {
  documentId: number;
  declaration: Declaration;
  today: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  form: FormMetadata<any, string[]>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  fields: Record<string, FieldMetadata<any, any, string[]>>;
}) {
  const { record, attachments } = props.declaration;
  const deadlineStatus = doctorDeadlineStatus(record, props.today);
  const outcome = DOCTOR_OUTCOME_OPTIONS.find((o) => o.value === record.outcome)?.label;
  return (
    <section aria-labelledby="doctor-heading" className="mb-6">
      <h2 id="doctor-heading">Status og lægens del</h2>
      <dl className="summary-list">
        <dt>Status</dt>
        <dd>{MULIGHEDSERKLAERING_STATUS_LABELS[record.status]}</dd>
        <dt>Frist for lægens del</dt>
        <dd>
          {record.doctorDeadline ? (
            <>
              <DanishDate date={record.doctorDeadline} />{" "}
              {deadlineStatus === "not-applicable" ? null : <StatusBadge status={deadlineStatus} />}
              <span className="form-hint">{`Arbejdsgiverens frist. ${MULIGHEDSERKLAERING_BASIS}.`}</span>
            </>
          ) : (
            "Sættes i trin 4"
          )}
        </dd>
        {record.sentToDoctorOn ? (
          <>
            <dt>Sendt til lægen</dt>
            <dd>
              <DanishDate date={record.sentToDoctorOn} />
            </dd>
          </>
        ) : null}
        {record.status === "answered" ? (
          <>
            <dt>Lægens svar</dt>
            <dd>{record.answeredOn ? `Modtaget ${formatDanishDate(record.answeredOn)}` : "Modtaget"}</dd>
            <dt>Lægens vurdering</dt>
            <dd>{outcome ?? "Ikke registreret – se den uploadede PDF"}</dd>
            {record.expectedAbsenceDuration ? (
              <>
                <dt>Forventet varighed af fraværet</dt>
                <dd>{record.expectedAbsenceDuration}</dd>
              </>
            ) : null}
            {record.doctorRemarks ? (
              <>
                <dt>Lægens bemærkninger</dt>
                <dd className="preserve-lines">{record.doctorRemarks}</dd>
              </>
            ) : null}
          </>
        ) : null}
        {attachments.length > 0 ? (
          <>
            <dt>Lægens returnerede erklæring</dt>
            <dd>
              <ul className="nobullet-list">
                {attachments.map((a, i) => (
                  <li key={a.id}>
                    <a href={`/virksomhed/dokumenter/${props.documentId}/bilag/${a.id}`}>{`Hent PDF ${i + 1} (${size(a.sizeBytes)})`}</a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
      {record.status === "part1-complete" ? (
        <Form method="post" {...getFormProps(props.form)} noValidate>
          <input type="hidden" name="intent" value="sent-to-doctor" />
          <TextField field={props.fields.sentToDoctorOn!} label="Dato erklæringen blev givet til medarbejderen til lægen" type="date" />
          <button type="submit" className="button button-secondary">
            Markér som sendt til lægen
          </button>
        </Form>
      ) : null}
      {record.status !== "draft" ? (
        <p>
          <Link to="laegens-svar" className="button button-secondary">
            {record.status === "answered" ? "Ret lægens svar eller upload PDF" : "Registrér lægens svar eller upload PDF"}
          </Link>
          {record.doctorDeadline && record.status !== "answered" ? (
            <>
              {" "}
              <Link to="paamindelse" className="button button-tertiary">
                Påmindelse til medarbejderen om lægens frist
              </Link>
            </>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}

/** What the caseworker sees of the doctor's part: state, deadline and the outcome for the work. */
export function DoctorAnswerSummary({
  doctor,
}: {
  doctor: Omit<MulighedserklaeringRecord, "sentToDoctorOn">;
}) {
  return (
    <>
      <h3>Lægens del</h3>
      <dl className="summary-list">
        <dt>Status</dt>
        <dd>{MULIGHEDSERKLAERING_STATUS_LABELS[doctor.status]}</dd>
        <dt>Frist for lægens del</dt>
        <dd>
          <DanishDate date={doctor.doctorDeadline} />
        </dd>
        {doctor.status === "answered" ? (
          <>
            <dt>Lægens vurdering</dt>
            <dd>{DOCTOR_OUTCOME_OPTIONS.find((o) => o.value === doctor.outcome)?.label ?? "Lægens PDF er modtaget af arbejdsgiveren"}</dd>
            <dt>Forventet varighed af fraværet</dt>
            <dd>{doctor.expectedAbsenceDuration ?? "–"}</dd>
            {doctor.doctorRemarks ? (
              <>
                <dt>Lægens bemærkninger</dt>
                <dd className="preserve-lines">{doctor.doctorRemarks}</dd>
              </>
            ) : null}
          </>
        ) : null}
      </dl>
    </>
  );
}
