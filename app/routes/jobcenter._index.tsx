import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { RowLink, RowLinkBody } from "~/components/row-links";
import { z } from "zod";
import { DanishDate, StatusBadge } from "~/components/deadlines";
import { Pagination } from "~/components/pagination";
import { ConversationBadge } from "~/components/submission";
import { DOCUMENT_TYPE_LABELS, type DocumentType } from "~/domain/documents";
import { SUBMISSION_STATUS_LABELS, type SubmissionStatus } from "~/domain/review";
import { lastConversationEvents } from "~/models/conversation.server";
import { listInbox } from "~/models/inbox.server";
import { requireJobcenter } from "~/models/auth.server";
import { today } from "~/utils/http.server";
import { plural } from "~/domain/danish-text";

export const meta: MetaFunction = () => [{ title: "Indbakke – Jobcenter – Fasthold" }];

const TYPES = Object.keys(DOCUMENT_TYPE_LABELS) as [DocumentType, ...DocumentType[]];
const STATUSES = Object.keys(SUBMISSION_STATUS_LABELS) as [SubmissionStatus, ...SubmissionStatus[]];

/** Unknown filter values are ignored rather than refused: the inbox always answers. */
const InboxQuery = z.object({
  type: z.enum(TYPES).optional().catch(undefined),
  status: z.enum(STATUSES).optional().catch(undefined),
  sort: z.enum(["default", "received", "deadline"]).optional().catch(undefined),
  side: z.coerce.number().int().min(1).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireJobcenter(request);
  const q = InboxQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const asOf = today();
  const inbox = await listInbox({ municipalityCode: user.municipality.code, asOf, type: q.type, status: q.status, sort: q.sort, page: q.side });
  // A reply from the employer reads as new in the list until the caseworker acts on it.
  const conversation = await lastConversationEvents({ submissionIds: inbox.items.map((i) => i.id) });
  return json({ municipality: user.municipality, asOf, query: q, inbox, conversation });
}

function daysLeftText(days: number): string {
  if (days === 0) return "i dag";
  return days > 0 ? `${plural(days, "dag", "dage")} tilbage` : `${plural(-days, "dag", "dage")} over`;
}

function FilterSelect(props: { id: string; name: string; label: string; value: string; options: Array<{ value: string; label: string }> }) {
  return (
    <div className="form-group">
      <label className="form-label" htmlFor={props.id}>
        {props.label}
      </label>
      <select className="form-select" id={props.id} name={props.name} defaultValue={props.value}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function JobcenterInbox() {
  const { municipality, asOf, query, inbox, conversation } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Indbakke – {municipality.name}</h1>
      <p className="font-lead">
        Indsendelser fra arbejdsgivere for borgere med bopæl i kommunen, pr. <DanishDate date={asOf} />. Se også{" "}
        <Link to="/jobcenter/sager">alle åbne sygefravær</Link>.
      </p>
      <Form method="get" className="inbox-filters" aria-label="Filtrér indbakken">
        <FilterSelect
          id="filter-type"
          name="type"
          label="Dokumenttype"
          value={query.type ?? ""}
          options={[{ value: "", label: "Alle typer" }, ...TYPES.map((t) => ({ value: t, label: DOCUMENT_TYPE_LABELS[t] }))]}
        />
        <FilterSelect
          id="filter-status"
          name="status"
          label="Status"
          value={query.status ?? ""}
          options={[{ value: "", label: "Alle statusser" }, ...STATUSES.map((x) => ({ value: x, label: SUBMISSION_STATUS_LABELS[x] }))]}
        />
        <FilterSelect
          id="filter-sort"
          name="sort"
          label="Sortering"
          value={query.sort ?? "default"}
          options={[
            { value: "default", label: "Fast track og ældste ubehandlede først" },
            { value: "received", label: "Modtaget (ældste først)" },
            { value: "deadline", label: "Frist for første opfølgning" },
          ]}
        />
        <button type="submit" className="button button-secondary">
          Vis
        </button>
      </Form>
      {inbox.items.length === 0 ? (
        <p>Der er ingen indsendelser, der matcher.</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--zebra" data-testid="jobcenter-inbox">
            <caption className="sr-only">Indsendelser</caption>
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Virksomhed</th>
                <th scope="col">Borger</th>
                <th scope="col">Modtaget</th>
                <th scope="col">Status</th>
                <th scope="col">Første opfølgning senest</th>
              </tr>
            </thead>
            <RowLinkBody>
              {inbox.items.map((i) => (
                <tr key={i.id} data-submission={i.id}>
                  <th scope="row">
                    <RowLink to={`/jobcenter/indsendelser/${i.id}`}>{DOCUMENT_TYPE_LABELS[i.type]}</RowLink>
                  </th>
                  <td>{i.companyName}</td>
                  <td>
                    {i.employeeName}
                    {i.reference ? <span className="form-hint">{i.reference}</span> : null}
                    {i.takenOverFrom ? <span className="form-hint" data-taken-over>{`Overtaget fra ${i.takenOverFrom}`}</span> : null}
                  </td>
                  <td>
                    <DanishDate date={i.receivedOn} />
                  </td>
                  <td>
                    <ConversationBadge status={i.status} lastEvent={conversation[i.id] ?? null} side="jobcenter" />
                  </td>
                  <td>
                    {i.followUp ? (
                      <>
                        <DanishDate date={i.followUp.dueDate} /> <StatusBadge status={i.followUp.status} />
                        {i.followUp.status !== "done" && i.followUp.status !== "not-applicable" ? (
                          <span className="form-hint">{daysLeftText(i.followUp.daysLeft)}</span>
                        ) : null}
                      </>
                    ) : (
                      "–"
                    )}
                  </td>
                </tr>
              ))}
            </RowLinkBody>
          </table>
        </div>
      )}
      <Pagination page={inbox.page} pageCount={inbox.pageCount} total={inbox.total} noun={["indsendelse", "indsendelser"]} />
    </>
  );
}
