import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CaseExportList } from "~/components/case-export";
import { CaseExportSchema } from "~/forms/case-list";
import { recentCaseExports, startCaseExport } from "~/models/case-export-job.server";
import { requireEmployer } from "~/models/auth.server";
import { readFormData } from "~/utils/forms.server";
import { today } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Eksport af sager – Fasthold" }];

/** The case list's filters, carried as hidden fields from the list to the export. */
const FILTER_FIELDS = ["q", "status", "frist", "afdeling", "aar", "sorter", "retning"] as const;

type Errors = { format?: string; filters?: string };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const params = new URL(request.url).searchParams;
  const filters = Object.fromEntries(FILTER_FIELDS.map((f) => [f, (params.get(f) ?? "").slice(0, 100)]).filter(([, v]) => v !== ""));
  return json({ filters, exports: await recentCaseExports({ user }) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireEmployer(request);
  const form = await readFormData(request);
  const raw = Object.fromEntries(FILTER_FIELDS.map((f) => [f, form.get(f)]).filter(([, v]) => typeof v === "string" && v !== ""));
  const format = form.get("format");
  const parsed = CaseExportSchema.safeParse({ ...raw, format: typeof format === "string" ? format : undefined });
  const keptFilters = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v).slice(0, 100)]));
  if (!parsed.success) {
    const errors: Errors = {};
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === "format") errors.format ??= issue.message;
      else errors.filters ??= `Filtrene er ugyldige (${issue.message}) Ret dem på sagslisten, og start eksporten igen.`;
    }
    return json({ errors, filters: keptFilters, format: typeof format === "string" ? format.slice(0, 10) : "" }, { status: 400 });
  }
  const { format: chosen, side: _page, ...filters } = parsed.data;
  const started = await startCaseExport({ user, asOf: today(), filters, format: chosen });
  if (started.kind === "background") return redirect(`/virksomhed/sager/eksporter/${started.id}`);
  // Few rows: the streamed download, as from the list's links.
  return redirect(`/virksomhed/sager/eksport?${new URLSearchParams({ ...keptFilters, format: chosen })}`);
}

export default function CaseExports() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Errors = result?.errors ?? {};
  const filters: Record<string, string> = result?.filters ?? data.filters;
  const chosen = result?.format ?? "";
  const list = (["filters", "format"] as const).filter((k) => errors[k]);
  return (
    <>
      <Link to={`/virksomhed/sager?${new URLSearchParams(filters)}`} className="back-link">
        Tilbage til sager
      </Link>
      <h1>Eksport af sager</h1>
      <p className="font-lead">
        Listen hentes som fil uden fritekst og helbredsoplysninger. Er der mange sager, laves filen i baggrunden: du ser, hvor langt den er, og kan gå fra siden og
        komme tilbage.
      </p>
      {list.length ? (
        <div className="alert alert-error" role="alert" aria-labelledby="export-errors">
          <div className="alert-body">
            <h2 className="alert-heading" id="export-errors">
              Der er problemer
            </h2>
            <ul className="alert-text nobullet-list">
              {list.map((k) => (
                <li key={k}>
                  <a href={k === "format" ? "#export-format-csv" : "#export-filters"} className="function-link">
                    {errors[k]}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      <Form method="post" noValidate>
        {Object.entries(filters).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <p id="export-filters">
          {Object.keys(filters).length ? "Filtrene fra sagslisten tages med." : "Alle sager, åbne og afsluttede."}{" "}
          {errors.filters ? (
            <span className="form-error-message d-block">
              <span className="sr-only">Fejl: </span>
              {errors.filters}
            </span>
          ) : null}
        </p>
        <div className={`form-group${errors.format ? " form-error" : ""}`}>
          <fieldset aria-describedby={errors.format ? "export-format-error" : undefined}>
            <legend className="form-label">Filformat</legend>
            {errors.format ? (
              <span className="form-error-message" id="export-format-error">
                <span className="sr-only">Fejl: </span>
                {errors.format}
              </span>
            ) : null}
            <ul className="nobullet-list">
              <li>
                <input className="form-radio radio-large" type="radio" id="export-format-csv" name="format" value="csv" defaultChecked={chosen === "csv"} />
                <label htmlFor="export-format-csv">CSV (semikolonsepareret, åbnes i Excel)</label>
              </li>
              <li>
                <input className="form-radio radio-large" type="radio" id="export-format-xlsx" name="format" value="xlsx" defaultChecked={chosen === "xlsx"} />
                <label htmlFor="export-format-xlsx">Excel (.xlsx)</label>
              </li>
            </ul>
          </fieldset>
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Starter …" : "Lav filen"}
        </button>
      </Form>
      <h2>Dine eksporter</h2>
      {data.exports.length ? <CaseExportList exports={data.exports} /> : <p>Du har ingen eksporter fra det seneste døgn.</p>}
    </>
  );
}
