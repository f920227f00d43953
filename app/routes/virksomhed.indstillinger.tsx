import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { readFormData, readIntent, UNKNOWN_INTENT } from "~/utils/forms.server";
import { ErrorAlert, SavedAlert } from "~/components/alerts";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CalendarAddressField, CalendarIntentForm, CalendarMadeAlert } from "~/components/calendar-feed";
import { parseWithZod } from "@conform-to/zod/v4";
import { CompanyContactForm } from "~/components/company-contact-form";
import { CompanyContactSchema } from "~/forms/company-contact";
import { getCompanyContact, saveCompanyContact } from "~/models/company-contact.server";
import { DanishDate } from "~/components/deadlines";
import { todayInCopenhagen } from "~/domain/dates";
import { activeCalendarFeed, calendarAddress, createCalendarFeed, renewCalendarFeed, revokeCalendarFeed } from "~/models/calendar.server";
import { requireEmployer } from "~/models/auth.server";
import { AbsencePromptSettings } from "~/components/absence-prompt-settings";
import { AbsencePromptPolicySchema } from "~/forms/statistics";
import { absencePromptPolicy, setAbsencePromptPolicy } from "~/models/statistics.server";
import { orRespond } from "~/utils/http.server";
import { ManagersMaySubmitSetting } from "~/components/managers";
import { ManagersMaySubmitSchema } from "~/forms/departments";
import { maySubmitToJobcenter } from "~/models/department-scope.server";
import { setManagersMaySubmit } from "~/models/departments.server";

export const meta: MetaFunction = () => [{ title: "Indstillinger – Fasthold" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const feed = await activeCalendarFeed({ companyId: user.company.id });
  return json({
    companyName: user.company.name,
    contact: await getCompanyContact(user.company.id),
    calendar: feed ? { createdOn: todayInCopenhagen(new Date(feed.createdAt)) } : null,
    absencePrompt: { policy: await absencePromptPolicy(user.company.id), canEdit: user.isAdmin },
    managersMaySubmit: { allowed: await maySubmitToJobcenter({ accessLevel: "manager", scope: user.scope }), canEdit: user.isAdmin },
  });
}

const ALREADY_CREATED =
  "Virksomheden har allerede en kalenderadresse. Den kan ikke vises igen; forny adressen, hvis du skal bruge den, og opdatér abonnementet.";

/**
 * Only the token's hash is stored, so a new address is shown in the answer to the POST that made
 * it, this once, instead of after a redirect; a revocation redirects as usual.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireEmployer(request);
  const formData = await readFormData(request);
  const intent = readIntent(formData, ["absence-prompt", "contact", "create", "managers-submit", "renew", "revoke"]);
  if (intent === "absence-prompt") {
    const submission = parseWithZod(formData, { schema: AbsencePromptPolicySchema });
    if (submission.status !== "success") return json({ absencePrompt: submission.reply() }, { status: 400 });
    const v = submission.value;
    await orRespond(async () => await setAbsencePromptPolicy({ user, policy: v.policy === "on" ? { minPeriods: v.minPeriods, months: v.months } : null }));
    return redirect("/virksomhed/indstillinger?gemt=absence-prompt");
  }
  if (intent === "managers-submit") {
    const submission = parseWithZod(formData, { schema: ManagersMaySubmitSchema });
    if (submission.status !== "success") return json({ error: UNKNOWN_INTENT }, { status: 400 });
    await orRespond(async () => await setManagersMaySubmit({ admin: user, allowed: submission.value.managersMaySubmit }));
    return redirect("/virksomhed/indstillinger?gemt=managers-submit");
  }
  if (intent === "contact") {
    const submission = parseWithZod(formData, { schema: CompanyContactSchema });
    if (submission.status !== "success") return json({ contactResult: submission.reply() }, { status: 400 });
    await saveCompanyContact({ user, data: submission.value });
    return redirect("/virksomhed/indstillinger?gemt=contact");
  }
  if (intent === "revoke") {
    await revokeCalendarFeed({ user });
    return redirect("/virksomhed/indstillinger?gemt=revoke");
  }
  const token = intent === "create" ? await createCalendarFeed({ user }) : await renewCalendarFeed({ user });
  if (token === null) return json({ error: ALREADY_CREATED }, { status: 409 });
  return json({ saved: intent, address: calendarAddress(token) });
}

const SAVED: Record<string, string> = {
  create: "Kalenderadressen er oprettet. Tilføj den som abonnement i dit kalenderprogram.",
  renew: "Kalenderadressen er fornyet. Den gamle adresse virker ikke længere, så opdatér abonnementet i dit kalenderprogram.",
  revoke: "Kalenderadressen er tilbagekaldt og virker ikke længere.",
  "absence-prompt": "Fraværspolitikken er gemt.",
  "managers-submit": "Det er gemt, om nærmeste ledere må sende til jobcentret.",
  contact: "Kontaktpersonen er gemt. Jobcentret ser den på virksomhedens indsendelser.",
};

export default function Settings() {
  const { companyName, calendar, absencePrompt, contact, managersMaySubmit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const made = actionData && "address" in actionData ? actionData : null;
  const promptResult = actionData && "absencePrompt" in actionData ? actionData.absencePrompt : undefined;
  const contactResult = actionData && "contactResult" in actionData ? actionData.contactResult : null;
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <h1>Indstillinger</h1>
        <SavedAlert messages={SAVED} hidden={Boolean(actionData)} />
        <CalendarMadeAlert message={made ? SAVED[made.saved] : undefined} />
        <ErrorAlert message={actionData && "error" in actionData ? actionData.error : null} />

        <section aria-labelledby="contact-heading">
          <h2 id="contact-heading">Kontaktperson for jobcentret</h2>
          <p>
            Jobcentret i medarbejderens bopælskommune ser kontaktpersonen på virksomhedens indsendelser og i deres PDF, så sagsbehandleren ved,
            hvem der skal ringes eller skrives til. Det kan være en person eller en fælles HR-telefon og -postkasse.
          </p>
          <CompanyContactForm contact={contact} lastResult={contactResult} />
        </section>
        <AbsencePromptSettings policy={absencePrompt.policy} canEdit={absencePrompt.canEdit} lastResult={promptResult} />
        <ManagersMaySubmitSetting allowed={managersMaySubmit.allowed} canEdit={managersMaySubmit.canEdit} />

        <section aria-labelledby="calendar-heading">
          <h2 id="calendar-heading">Kalenderabonnement</h2>
          <p>
            Med en kalenderadresse kan {companyName} abonnere på sine frister i et kalenderprogram, fx Outlook, Google Kalender eller
            Apple Kalender. Hver åben frist står som en heldagsbegivenhed med fristens navn, hvem der skal handle, lovgrundlaget og
            sagens referencenummer (fx FH-000123). Flytter en frist, flytter begivenheden med, og en frist, der ikke længere gælder,
            bliver aflyst.
          </p>
          <p>
            Kalenderen viser kun fristerne i sager om sygefravær med sagens referencenummer – aldrig medarbejdernes navne eller oplysninger om
            helbred. Påmindelser om § 56-aftaler, sociale kapitler og lægens frist for en mulighedserklæring står kun på forsiden, fordi selve
            ordningen siger noget om helbredet.
          </p>
          <div className="alert alert-warning">
            <div className="alert-body">
              <p className="alert-heading">Hold adressen hemmelig</p>
              <p className="alert-text">
                Alle, der kender adressen, kan læse kalenderen uden at logge ind. Del den kun med dem, der skal bruge den, og forny
                adressen, hvis den kan være kommet uvedkommende i hænde.
              </p>
            </div>
          </div>

          {calendar ? (
            <>
              {made ? (
                <CalendarAddressField
                  address={made.address}
                  hint={
                    <>
                      Kopiér adressen nu, og tilføj den som kalender fra internettet (abonnement). Adressen vises kun denne ene gang:
                      Fasthold gemmer den ikke, så ingen kan læse den ud af systemet. Oprettet <DanishDate date={calendar.createdOn} />.
                    </>
                  }
                />
              ) : (
                <p>
                  Virksomheden har en kalenderadresse, oprettet <DanishDate date={calendar.createdOn} />. Fasthold gemmer ikke selve
                  adressen, så den vises kun, når den oprettes eller fornyes. Har du ikke adressen længere, så forny den.
                </p>
              )}
              <p id="calendar-renew-hint">Når du fornyer adressen, får du en ny adresse, og den gamle holder op med at virke med det samme.</p>
              <p id="calendar-revoke-hint">Når du tilbagekalder adressen, holder den op med at virke, og der er ingen adresse, før du opretter en ny.</p>
              <div className="calendar-actions">
                <CalendarIntentForm action="/virksomhed/indstillinger" intent="renew" label="Forny adressen" describedBy="calendar-renew-hint" />
                <CalendarIntentForm action="/virksomhed/indstillinger" intent="revoke" label="Tilbagekald adressen" describedBy="calendar-revoke-hint" />
              </div>
            </>
          ) : (
            <>
              <p>Virksomheden har ingen kalenderadresse lige nu.</p>
              <CalendarIntentForm action="/virksomhed/indstillinger" intent="create" label="Opret kalenderadresse" primary />
            </>
          )}
        </section>
      </div>
    </div>
  );
}
