import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DanishDate } from "~/components/deadlines";
import { doctorDeadlineNotice } from "~/models/doctor-answer-pdf.server";
import { requireEmployer } from "~/models/auth.server";
import { idParam, orRespond, today } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Påmindelse om lægens frist – Fasthold" }];

/**
 * A notice HR prints or forwards to the employee: the doctor's deadline and whom to contact.
 * Nothing from part 1 and nothing the doctor wrote, so it carries no health information.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const documentId = idParam(params.documentId);
  const notice = await orRespond(async () => await doctorDeadlineNotice({ companyId: user.company.id, companyName: user.company.name, documentId, asOf: today() }));
  if (!notice.doctorDeadline || (notice.status !== "part1-complete" && notice.status !== "sent-to-doctor")) {
    throw new Response("Der er ingen frist for lægens del at minde om.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return json({ documentId, today: today(), notice: { ...notice, doctorDeadline: notice.doctorDeadline } });
}

export default function DoctorDeadlineNotice() {
  const { documentId, today, notice } = useLoaderData<typeof loader>();
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <Link to={`/virksomhed/dokumenter/${documentId}`} className="back-link d-print-none">
          Tilbage til erklæringen
        </Link>
        <p className="form-hint d-print-none">Udskriv siden, eller kopiér teksten til en mail til medarbejderen. Den indeholder ingen helbredsoplysninger.</p>
        <article aria-labelledby="notice-heading">
          <h1 id="notice-heading">Påmindelse: lægens del af mulighedserklæringen</h1>
          <p>
            Til {notice.employeeName}
            <br />
            Fra {notice.companyName} · <DanishDate date={today} /> · Sag {notice.reference}
          </p>
          <p>
            Din læge bedes udfylde del 2 af mulighedserklæringen, som vi udfyldte sammen, og erklæringen skal være tilbage hos os senest{" "}
            <strong>
              <DanishDate date={notice.doctorDeadline} />
            </strong>
            .
          </p>
          <p>
            {notice.sentToDoctorOn ? (
              <>
                Du fik erklæringen med til lægen <DanishDate date={notice.sentToDoctorOn} />.{" "}
              </>
            ) : null}
            Har du ikke været hos lægen endnu, så bestil en tid snart, og tag erklæringen med. Lægen kan udfylde den i hånden eller i en PDF-læser og sende den
            tilbage til dig eller direkte til os. Vi betaler lægens honorar.
          </p>
          <p>Lægen skriver kun, hvad sygdommen betyder for dit arbejde – aldrig en diagnose.</p>
          {notice.contactPerson ? (
            <p>
              Spørgsmål: kontakt {notice.contactPerson}
              {notice.contactPhone ? `, telefon ${notice.contactPhone}` : ""}.
            </p>
          ) : null}
        </article>
      </div>
    </div>
  );
}
