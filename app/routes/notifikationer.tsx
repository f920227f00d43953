import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { readFormData } from "~/utils/forms.server";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listNotifications, markNotificationsRead } from "~/models/notification.server";
import { requireUser } from "~/models/auth.server";
import { today } from "~/utils/http.server";
import { SubmissionTime } from "~/components/submission";

export const meta: MetaFunction = () => [{ title: "Notifikationer – Fasthold" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const jobcenter = user.role === "jobcenter" ? { municipalityCode: user.municipality.code, asOf: today() } : undefined;
  return json({ notifications: await listNotifications({ userId: user.id, jobcenter }) });
}

const MarkRead = z.object({ id: z.coerce.number().int().positive().optional() });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = MarkRead.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) throw new Response("Ugyldig forespørgsel.", { status: 400 });
  await markNotificationsRead({ userId: user.id, ids: parsed.data.id ? [parsed.data.id] : undefined });
  return redirect("/notifikationer");
}

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  const unread = notifications.filter((n) => !n.readAt).length;
  return (
    <>
      <h1>Notifikationer</h1>
      {unread > 0 ? (
        <Form method="post">
          <button type="submit" className="button button-secondary">
            Markér alle som læst
          </button>
        </Form>
      ) : null}
      {notifications.length === 0 ? (
        <p>Du har ingen notifikationer.</p>
      ) : (
        <ul className="history" data-testid="notifications">
          {notifications.map((n) => (
            <li key={n.id} data-unread={n.readAt ? undefined : "true"}>
              {n.readAt ? null : <span className="badge badge-info">Ny</span>} <Link to={n.link}>{n.text}</Link>
              <span className="history-meta">
                <SubmissionTime at={n.createdAt} />
              </span>
              {n.readAt ? null : (
                <Form method="post">
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className="function-link">
                    Markér som læst
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
