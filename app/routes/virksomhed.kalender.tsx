import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CalendarAddressField, CalendarIntentForm, CalendarMadeAlert } from "~/components/calendar-feed";
import { z } from "zod";
import { ErrorAlert, SavedAlert } from "~/components/alerts";
import { DanishDate } from "~/components/deadlines";
import { todayInCopenhagen } from "~/domain/dates";
import { requireEmployer } from "~/models/auth.server";
import { activeCalendarFeed, calendarAddress, createCalendarFeed, renewCalendarFeed, revokeCalendarFeed } from "~/models/calendar.server";
import { readFormData } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Min kalender – Fasthold" }];

/**
 * The calendar address of the signed-in user: a manager's own (their departments' deadlines only),
 * HR's the company's, the same feed as on /virksomhed/indstillinger.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const feed = await activeCalendarFeed({ companyId: user.company.id, user });
  return json({ manager: user.accessLevel === "manager", calendar: feed ? { createdOn: todayInCopenhagen(new Date(feed.createdAt)) } : null });
}

const UNKNOWN_INTENT = "Handlingen kendes ikke. Brug en af knapperne på siden.";
const Intent = z.object({ intent: z.enum(["create", "renew", "revoke"], { error: UNKNOWN_INTENT }) });

/** As on the settings page: a new address is shown in the answer to the POST that made it, this once. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireEmployer(request);
  const parsed = Intent.safeParse({ intent: (await readFormData(request)).get("intent") });
  if (!parsed.success) return json({ error: UNKNOWN_INTENT }, { status: 400 });
  const { intent } = parsed.data;
  if (intent === "revoke") {
    await revokeCalendarFeed({ user });
    return redirect("/virksomhed/kalender?gemt=revoke");
  }
  const token = intent === "create" ? await createCalendarFeed({ user }) : await renewCalendarFeed({ user });
  if (token === null) return json({ error: "Du har allerede en kalenderadresse. Forny den, hvis du ikke har den længere." }, { status: 409 });
  return json({ saved: intent, address: calendarAddress(token) });
}

const SAVED: Record<string, string> = {
  create: "Kalenderadressen er oprettet. Tilføj den som abonnement i dit kalenderprogram.",
  renew: "Kalenderadressen er fornyet. Den gamle adresse virker ikke længere.",
  revoke: "Kalenderadressen er tilbagekaldt og virker ikke længere.",
};

export default function MyCalendar() {
  const { manager, calendar } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const made = actionData && "address" in actionData ? actionData : null;
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <h1>Min kalender</h1>
        <SavedAlert messages={SAVED} hidden={Boolean(actionData)} />
        <CalendarMadeAlert message={made ? SAVED[made.saved] : undefined} />
        <ErrorAlert message={actionData && "error" in actionData ? actionData.error : null} />
        <p>
          {manager
            ? "Din egen kalenderadresse har fristerne i sygefraværssagerne for medarbejderne i dine afdelinger. Skifter du afdelinger, følger kalenderen med."
            : "Virksomhedens kalenderadresse har fristerne i alle virksomhedens sygefraværssager; den er den samme som under Indstillinger."}{" "}
          Hver frist står som en heldagsbegivenhed med fristens navn, hvem der skal handle, lovgrundlaget og sagens referencenummer – aldrig
          medarbejdernes navne eller oplysninger om helbred.
        </p>
        <p>Alle, der kender adressen, kan læse kalenderen uden at logge ind. Del den ikke, og forny den, hvis den kan være kommet uvedkommende i hænde.</p>
        {made ? (
          <CalendarAddressField address={made.address} hint="Kopiér adressen nu: den vises kun denne ene gang." />
        ) : calendar ? (
          <p>
            Du har en kalenderadresse, oprettet <DanishDate date={calendar.createdOn} />. Har du den ikke længere, så forny den.
          </p>
        ) : null}
        <div className="calendar-actions">
          {calendar ? (
            <>
              <CalendarIntentForm action="/virksomhed/kalender" intent="renew" label="Forny adressen" />
              <CalendarIntentForm action="/virksomhed/kalender" intent="revoke" label="Tilbagekald adressen" />
            </>
          ) : (
            <CalendarIntentForm action="/virksomhed/kalender" intent="create" label="Opret kalenderadresse" primary />
          )}
        </div>
      </div>
    </div>
  );
}
