import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { DanishDate, DeadlineTimeline, EmployerPeriodSummary } from "~/components/deadlines";
import { Checkbox, ErrorSummary, RadioGroup, TextField } from "~/components/form";
import { compareIso, formatDanishDate } from "~/domain/dates";
import { fastTrackWindowTerms } from "~/domain/fast-track";
import { PAY_OPTIONS } from "~/forms/absence";
import { calculatorSchema } from "~/forms/deadline-query";
import { computeForQuery } from "~/models/deadline-api.server";
import { absenceTimeline } from "~/domain/absence-timeline";
import { AbsenceTimelinePicture } from "~/components/timeline";
import { today } from "~/utils/http.server";
import { useFasholdForm } from "~/utils/form";

export const meta: MetaFunction = () => [{ title: "Beregn frister ved sygefravær – Fasthold" }];

/** A GET form: the result can be bookmarked and shared, and nothing is stored. */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const asOfToday = today();
  if (!params.has("firstAbsenceDay")) return json({ today: asOfToday, lastResult: null, result: null, timeline: null, asOf: asOfToday, futureFirstAbsenceDay: null });
  const submission = parseWithZod(params, { schema: calculatorSchema(asOfToday) });
  if (submission.status !== "success") {
    return json({ today: asOfToday, lastResult: submission.reply(), result: null, timeline: null, asOf: asOfToday, futureFirstAbsenceDay: null }, { status: 400 });
  }
  const f = submission.value.firstAbsenceDay;
  const result = computeForQuery(submission.value, asOfToday);
  const asOf = submission.value.asOf ?? asOfToday;
  return json({
    today: asOfToday,
    lastResult: submission.reply(),
    result,
    timeline: absenceTimeline({ result, firstAbsenceDay: f, returnedOn: submission.value.returnedOn ?? null, asOf }),
    asOf,
    // Planning ahead is allowed, but the page says so rather than computing silently.
    futureFirstAbsenceDay: compareIso(f, asOfToday) > 0 ? f : null,
  });
}

// The window's numbers come from the rule that computes it, so the explanation cannot drift from it.
const FAST_TRACK = fastTrackWindowTerms();

const RULES: Array<[string, string]> = [
  ["Optælling", "Første fraværsdag (F) er dag 1. Alle frister regnes i kalenderdage. En frist flyttes ikke, fordi den falder på en weekend eller helligdag; siden gør blot opmærksom på det."],
  ["Samtale om sygefravær", "Arbejdsgiveren holder samtalen senest 4 uger efter første fraværsdag (F + 28), sygedagpengeloven § 7 a. Ingen samtale, når medarbejderen er opsagt og fratræder senest F + 55."],
  ["Anmeldelse", "Ved fuld løn senest F + 35, ved sygedagpenge i arbejdsgiverperioden F + 36 og ellers F + 14 (sygedagpengeloven § 40). Under en § 56-aftale F + 3 måneder, hvis fraværet varer højst 30 dage. Anmeldelsen sker i NemRefusion, som tager imod den fra ca. 23. fraværsdag (praksis)."],
  [
    "Fast track",
    `Arbejdsgiveren kan anmode om tidlig opfølgning inden for de første ${FAST_TRACK.weeks} uger (F + ${FAST_TRACK.lastDayOffset}), når fraværet ventes at vare over 8 uger (§ 7 c). En senere anmodning afvises.`,
  ],
  ["Første opfølgning", "Kommunen holder første opfølgning inden udgangen af 8. uge (F + 55) – eller senest 2 uger efter en anmodning om fast track (§ 13 b). For fravær fra 01.07.2026 skal kommunen som udgangspunkt ikke følge op, når arbejdsgiver og medarbejder begge forventer raskmelding inden 26 uger, og der ikke anmodes om fast track (lov nr. 1750 af 29.12.2025)."],
  ["Arbejdsgiverperiode og refusion", "Arbejdsgiveren betaler de første 30 dage (F til F + 29); refusion fra F + 30 (§ 30). Under en § 56-aftale er der refusion fra første fraværsdag, også når arbejdsgiveren betaler sygedagpenge (§ 59)."],
  ["Varighedsbegrænsning", "Efter 22 uger, talt fra 31. fraværsdag – også under en § 56-aftale – uden søgnehelligdage på hverdage, ophører sygedagpengene med udgangen af måneden; kommunen revurderer inden da (§ 24)."],
  ["Regler skifter med datoen", "Hver frist bruger den version af reglen, der gælder for fraværet (normalt efter første fraværsdag), og tabellen viser versionen og kilden."],
];

type CalculatorField =
  | "firstAbsenceDay"
  | "asOf"
  | "pay"
  | "expectedOver8Weeks"
  | "paragraph56"
  | "conversationHeldOn"
  | "fastTrackRequestedOn"
  | "returnedOn"
  | "birthDate"
  | "socialChapterStartedOn"
  | "employmentEndsOn"
  | "expectedBackWithin26Weeks"
  | "absenceReportedOn"
  | "refundRequestedOn";

export default function DeadlineCalculator() {
  const data = useLoaderData<typeof loader>();
  const schema = calculatorSchema(data.today);
  const [form, fields] = useFasholdForm<typeof schema, Record<CalculatorField, string>>({ id: "frister", schema, lastResult: data.lastResult, defaultValue: { pay: "salary" } });
  return (
    <>
      <h1>Beregn frister ved sygefravær</h1>
      <p className="font-lead">
        Indtast sagens fakta, og se arbejdsgiverens og kommunens frister efter sygedagpengeloven med lovhjemmel. Intet gemmes.
      </p>
      <div className="row">
        <div className="col-12 col-lg-6">
          <Form method="get" {...getFormProps(form)} noValidate>
            <ErrorSummary
              fields={[fields.firstAbsenceDay, fields.asOf, fields.pay, fields.conversationHeldOn, fields.fastTrackRequestedOn, fields.returnedOn, fields.employmentEndsOn, fields.absenceReportedOn, fields.refundRequestedOn, fields.birthDate, fields.socialChapterStartedOn]}
              formErrors={form.errors}
            />
            <TextField field={fields.firstAbsenceDay} label="Første fraværsdag" type="date" />
            <RadioGroup field={fields.pay} legend="Hvad betaler arbejdsgiveren" options={PAY_OPTIONS} />
            <Checkbox field={fields.expectedOver8Weeks} label="Fraværet forventes at vare mere end 8 uger" />
            <Checkbox field={fields.paragraph56} label="Fraværet er omfattet af en § 56-aftale" />
            <Checkbox
              field={fields.expectedBackWithin26Weeks}
              label="Arbejdsgiver og medarbejder forventer begge, at medarbejderen er tilbage inden 26 uger"
              hint="Betyder noget for fravær fra 01.07.2026 (lov nr. 1750 af 29.12.2025)."
            />
            <TextField field={fields.conversationHeldOn} label="Samtale holdt den" type="date" optional />
            <TextField field={fields.fastTrackRequestedOn} label="Fast track anmodet den" type="date" optional />
            <TextField field={fields.returnedOn} label="Første dag tilbage på arbejde" type="date" optional />
            <TextField field={fields.employmentEndsOn} label="Opsagt og fratræder den" type="date" optional />
            <TextField field={fields.absenceReportedOn} label="Anmeldt i NemRefusion den" type="date" optional />
            <TextField field={fields.refundRequestedOn} label="Refusion anmodet i NemRefusion den" type="date" optional />
            <TextField field={fields.birthDate} label="Fødselsdato" type="date" optional hint="Giver folkepensionsalder og kravet om sociale kapitler." />
            <TextField field={fields.socialChapterStartedOn} label="Ansat på sociale kapitler fra" type="date" optional />
            <TextField field={fields.asOf} label="Beregn status pr. dato" type="date" optional hint={`Uden dato: i dag, ${formatDanishDate(data.today)}.`} />
            <button type="submit" className="button button-primary">
              Beregn frister
            </button>
          </Form>
        </div>
        <div className="col-12 col-lg-6">
          <h2>Sådan beregnes fristerne</h2>
          <dl className="summary-list">
            {RULES.map(([term, text]) => (
              <div key={term}>
                <dt>{term}</dt>
                <dd>{text}</dd>
              </div>
            ))}
          </dl>
        </div>
      </div>
      {data.result ? (
        <section aria-labelledby="result-heading">
          <h2 id="result-heading">
            Frister pr. <DanishDate date={data.asOf} />
          </h2>
          {data.futureFirstAbsenceDay ? (
            <div className="alert alert-warning" role="status" data-testid="future-first-absence-day">
              <div className="alert-body">
                <p className="alert-text">
                  Første fraværsdag, <DanishDate date={data.futureFirstAbsenceDay} />, ligger i fremtiden. Fristerne er beregnet, som om fraværet
                  begynder den dag.
                </p>
              </div>
            </div>
          ) : null}
          {data.timeline ? <AbsenceTimelinePicture timeline={data.timeline} tableId="deadline-table" /> : null}
          <div id="deadline-table">
            <DeadlineTimeline result={data.result} caption={<span className="sr-only">Beregnede frister</span>} />
          </div>
          <EmployerPeriodSummary result={data.result} />
          {data.result.socialChapter ? (
            <p data-testid="social-chapter-result">
              Sociale kapitler: 12 måneder gennemført <DanishDate date={data.result.socialChapter.completesOn} />.{" "}
              {data.result.socialChapter.required === null
                ? "Angiv fødselsdatoen for at se, om kravet gælder."
                : data.result.socialChapter.required
                  ? "Kravet om 12 måneder gælder."
                  : "Kravet om 12 måneder gælder ikke (6 år eller mindre til folkepension)."}
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
