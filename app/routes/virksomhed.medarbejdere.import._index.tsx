import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  json,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { formatDanishDate, formatDanishDateTime } from "~/domain/dates";
import { DATE_FORMAT_HINT } from "~/components/form";
import { isoDate } from "~/forms/fields";
import { IMPORT_TOO_LARGE, MAX_IMPORT_BYTES } from "~/models/employee-import-file.server";
import { ImportFileError, importColumnGuide, previewImport, recentImports, type RecentImport } from "~/models/employee-import.server";
import { requireEmployer } from "~/models/auth.server";
import { today } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Importér medarbejdere – Fasthold" }];

const UploadSchema = z.object({
  file: z.instanceof(File, { error: "Vælg filen med medarbejderne." }).refine((f) => f.size > 0, "Vælg filen med medarbejderne."),
  movedOn: isoDate({ required: "Indtast datoen, flytninger gælder fra.", invalid: "Indtast en gyldig dato (dd.mm.åååå)." }),
});

type Errors = { file?: string; movedOn?: string };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  return json({ today: today(), columns: importColumnGuide(), imports: await recentImports({ user }) });
}

/** The multipart body in memory, part by part; a file over 10 MB stops the read at once. */
async function readUpload(request: Request): Promise<FormData | "too-large" | "unreadable"> {
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) return "unreadable";
  try {
    return await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }));
  } catch (error) {
    return error instanceof MaxPartSizeExceededError ? "too-large" : "unreadable";
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireEmployer(request);
  const formData = await readUpload(request);
  const refuse = (errors: Errors, movedOn = "") => json({ errors, movedOn }, { status: 400 });
  if (formData === "too-large") return refuse({ file: IMPORT_TOO_LARGE });
  if (formData === "unreadable") return refuse({ file: "Filen kom ikke frem. Vælg den igen, og tryk Vis forhåndsvisning." });
  const parsed = UploadSchema.safeParse({ file: formData.get("file"), movedOn: formData.get("movedOn") ?? undefined });
  const movedOnValue = typeof formData.get("movedOn") === "string" ? String(formData.get("movedOn")) : "";
  if (!parsed.success) {
    const errors: Errors = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] === "movedOn" ? "movedOn" : "file";
      errors[key] ??= issue.message;
    }
    return refuse(errors, movedOnValue);
  }
  const { file, movedOn } = parsed.data;
  try {
    const token = await previewImport({ user, file: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, movedOn, today: today() });
    return redirect(`/virksomhed/medarbejdere/import/${token}`);
  } catch (error) {
    if (error instanceof ImportFileError) return refuse({ file: error.message }, movedOnValue);
    throw error;
  }
}

export default function ImportEmployees() {
  const { today, columns, imports } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Errors = result?.errors ?? {};
  const list = (["file", "movedOn"] as const).filter((k) => errors[k]);
  return (
    <div className="row">
      <div className="col-12 col-lg-10">
        <Link to="/virksomhed/medarbejdere" className="back-link">
          Tilbage til medarbejdere
        </Link>
        <h1>Importér medarbejdere</h1>
        <p className="font-lead">Upload en CSV- eller Excel-fil (.xlsx) fra løn- eller HR-systemet. Du ser, hvad importen gør, før noget gemmes.</p>
        {list.length ? (
          <div className="alert alert-error" role="alert" aria-labelledby="import-errors">
            <div className="alert-body">
              <h2 className="alert-heading" id="import-errors">
                Der er problemer
              </h2>
              <ul className="alert-text nobullet-list">
                {list.map((k) => (
                  <li key={k}>
                    <a href={`#import-${k}`} className="function-link">
                      {errors[k]}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        ) : null}
        <Form method="post" encType="multipart/form-data" noValidate>
          <div className={`form-group${errors.file ? " form-error" : ""}`}>
            <label className="form-label" htmlFor="import-file">
              Fil med medarbejdere
            </label>
            <span className="form-hint" id="import-file-hint">
              CSV (adskilt med semikolon eller komma, UTF-8 eller Windows-1252) eller Excel (.xlsx). Højst 10 MB og 50.000 rækker. Første række er overskrifterne.
            </span>
            {errors.file ? (
              <span className="form-error-message" id="import-file-error">
                <span className="sr-only">Fejl: </span>
                {errors.file}
              </span>
            ) : null}
            <input
              className="form-file-input"
              type="file"
              id="import-file"
              name="file"
              accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={`import-file-hint${errors.file ? " import-file-error" : ""}`}
              aria-invalid={errors.file ? true : undefined}
            />
          </div>
          <div className={`form-group${errors.movedOn ? " form-error" : ""}`}>
            <label className="form-label" htmlFor="import-movedOn">
              Flytninger gælder fra
            </label>
            <span className="form-hint" id="import-movedOn-hint">
              Har en medarbejder fået en anden bopælskommune i filen, registreres det som en flytning fra denne dato. Sagen følger den nye kommune derfra. {DATE_FORMAT_HINT}
            </span>
            {errors.movedOn ? (
              <span className="form-error-message" id="import-movedOn-error">
                <span className="sr-only">Fejl: </span>
                {errors.movedOn}
              </span>
            ) : null}
            <input
              className="form-input input-char-11"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              id="import-movedOn"
              name="movedOn"
              defaultValue={result?.movedOn || formatDanishDate(today)}
              aria-describedby={`import-movedOn-hint${errors.movedOn ? " import-movedOn-error" : ""}`}
              aria-invalid={errors.movedOn ? true : undefined}
            />
          </div>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? "Læser filen …" : "Vis forhåndsvisning"}
          </button>
        </Form>

        {imports.length ? <RecentImports imports={imports} /> : null}

        <h2>Kolonner</h2>
        <p>
          Overskrifterne må stå i vilkårlig rækkefølge, med store eller små bogstaver, og med æ, ø og å skrevet som ae, oe og aa. Andre kolonner
          springes over. Datoer kan skrives dd.mm.åååå, dd-mm-åååå eller åååå-mm-dd. Medarbejdere genkendes på medarbejdernummeret, så den samme fil
          kan importeres igen uden at ændre noget. En tom celle i en valgfri kolonne, filen har, sletter det gemte.{" "}
          <a href="/virksomhed/medarbejdere/import/skabelon.csv" download>
            Hent en skabelon (CSV)
          </a>
          .
        </p>
        {/* Focusable so a keyboard user can scroll the table on a narrow screen. */}
        <div className="table--responsive-scroll" tabIndex={0} role="region" aria-label="Kolonner i filen">
          <table className="table table--zebra">
            <caption className="sr-only">Kolonner i filen</caption>
            <thead>
              <tr>
                <th scope="col">Overskrift</th>
                <th scope="col">Også godkendt</th>
                <th scope="col">Krævet</th>
                <th scope="col">Indhold</th>
              </tr>
            </thead>
            <tbody>
              {columns.map((c) => (
                <tr key={c.header}>
                  <th scope="row">{c.header}</th>
                  <td>{c.aliases.join(", ")}</td>
                  <td>{c.required ? "Ja" : "Nej"}</td>
                  <td>{c.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}

function importState(i: RecentImport): string {
  const n = (x: number) => x.toLocaleString("da-DK");
  switch (i.status) {
    case "reading":
      return `Filen behandles (${n(i.rowsDone)} af ${n(i.rowsTotal)} rækker)`;
    case "saving":
      return `Gemmes (${n(i.rowsDone)} af ${n(i.rowsTotal)} rækker klar)`;
    case "ready":
      return "Venter på din bekræftelse";
    case "confirmed":
      return "Gennemført";
    case "failed":
      return "Mislykkedes";
  }
}

/** The user's own imports of the last hours, so one left while it ran is found again. */
function RecentImports({ imports }: { imports: RecentImport[] }) {
  return (
    <>
      <h2>Dine importer</h2>
      <p>Importer, du har startet de seneste to timer. En import fortsætter, selv om du går fra siden.</p>
      <div className="table--responsive-scroll" tabIndex={0} role="region" aria-label="Dine importer">
        <table className="table table--zebra" data-testid="recent-imports">
          <caption className="sr-only">Dine importer</caption>
          <thead>
            <tr>
              <th scope="col">Fil</th>
              <th scope="col">Startet</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {imports.map((i) => (
              <tr key={i.token}>
                <th scope="row">
                  <Link to={`/virksomhed/medarbejdere/import/${i.token}`}>{i.fileName}</Link>
                </th>
                <td>{formatDanishDateTime(i.createdAt)}</td>
                <td>{importState(i)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
