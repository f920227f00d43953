import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endSession } from "~/models/user.server";
import { clearSessionCookie, readSessionId } from "~/utils/session.server";

/** Logout is a POST; a GET only sends the visitor home and changes nothing. */
export function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const sessionId = await readSessionId(request);
  if (sessionId) await endSession({ sessionId });
  return redirect("/login?loggedOut=1", { headers: { "Set-Cookie": await clearSessionCookie() } });
}
