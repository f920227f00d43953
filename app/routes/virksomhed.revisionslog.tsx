import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ErrorSummary, SelectField, TextField } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { formatDanishDate, timeInCopenhagen, todayInCopenhagen } from "~/domain/dates";
import { AuditLogQuerySchema, type AuditLogQuery } from "~/forms/audit-log";
import { listCompanyAuditLog } from "~/models/audit-log.server";
import { requireEmployer } from "~/models/auth.server";
import { orRespond } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Revisionslog – Fasthold" }];

/** Only the company's administrator; a colleague gets 403, a caseworker 403 (requireEmployer). */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireEmployer(request);
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: AuditLogQuerySchema });
  // Bad filters are shown at their fields with the input kept; the log is then listed unfiltered.
  const filters: Partial<AuditLogQuery> = submission.status === "success" ? submission.value : {};
  const log = await orRespond(async () =>
    await listCompanyAuditLog({ admin, employeeId: filters.medarbejder, userId: filters.bruger, from: filters.fra, to: filters.til, page: filters.side }),
  );
  return json({ log, result: submission.status === "success" ? null : submission.reply() }, { status: submission.status === "success" ? 200 : 400 });
}

/** "01.12.2026 09:49" in Danish time. */
function danishTime(iso: string): string {
  const d = new Date(iso.endsWith("Z") ? iso : `${iso}Z`);
  return `${formatDanishDate(todayInCopenhagen(d))} ${timeInCopenhagen(d)}`;
}

export default function AuditLogPage() {
  const { log, result } = useLoaderData<typeof loader>();
  const [form, fields] = useForm<Record<"medarbejder" | "bruger" | "fra" | "til", string>>({ id: "revisionslog", lastResult: result ?? undefined, shouldValidate: "onSubmit" });
  return (
    <>
      <Link to="/brugere" className="back-link">
        Tilbage til brugere
      </Link>
      <h1>Revisionslog</h1>
      <p className="font-lead">
        Hvem har set, hentet eller ændret virksomhedens sager og dokumenter, og hvornår – også jobcentrets sagsbehandlere. Tider er dansk tid.
      </p>
      <Form method="get" {...getFormProps(form)} noValidate aria-label="Filtrér revisionsloggen" className="inbox-filters">
        <ErrorSummary fields={[fields.medarbejder, fields.bruger, fields.fra, fields.til]} formErrors={form.errors} />
        <SelectField
          field={fields.medarbejder}
          label="Medarbejder"
          emptyOption="Alle medarbejdere"
          options={log.employees.map((e) => ({ value: String(e.id), label: e.name }))}
        />
        <SelectField
          field={fields.bruger}
          label="Bruger"
          emptyOption="Alle brugere"
          options={log.users.map((u) => ({ value: String(u.id), label: `${u.name} (${u.organisation})` }))}
        />
        <TextField field={fields.fra} label="Fra og med" type="date" optional />
        <TextField field={fields.til} label="Til og med" type="date" optional />
        <button type="submit" className="button button-secondary">
          Vis
        </button>
      </Form>
      {log.entries.length === 0 ? (
        <p>Der er ingen hændelser, der matcher.</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--zebra" data-testid="audit-log">
            <caption className="sr-only">Hændelser, nyeste først</caption>
            <thead>
              <tr>
                <th scope="col">Tidspunkt</th>
                <th scope="col">Bruger</th>
                <th scope="col">Handling</th>
                <th scope="col">Dokument</th>
                <th scope="col">Medarbejder</th>
              </tr>
            </thead>
            <tbody>
              {log.entries.map((e) => (
                <tr key={e.id} data-audit-entry={e.id}>
                  <td>
                    <time dateTime={e.at}>{danishTime(e.at)}</time>
                  </td>
                  <td>
                    {e.userName ?? "Systemet"}
                    {e.organisation ? <span className="form-hint">{e.organisation}</span> : null}
                  </td>
                  <td>{e.action}</td>
                  <td>{e.document ?? "–"}</td>
                  <td>{e.employeeName ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={log.page} pageCount={log.pageCount} total={log.total} noun={["hændelse", "hændelser"]} />
    </>
  );
}
