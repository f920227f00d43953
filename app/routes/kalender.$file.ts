/**
 * The company's secret calendar address, `/kalender/<token>.ics`, for calendar
 * programs that subscribe without logging in. A route segment cannot mix a
 * parameter with a static suffix, so the whole file name is the parameter.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarFeedForToken } from "~/models/calendar.server";
import { today } from "~/utils/http.server";
import { calendarTokenFromFileName, renderCalendar } from "~/utils/ical.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const token = calendarTokenFromFileName(params.file);
  const feed = token === null ? null : await calendarFeedForToken({ token, asOf: today() });
  if (!feed) {
    return new Response("Kalenderadressen findes ikke eller er tilbagekaldt.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const body = renderCalendar(feed);
  return new Response(body, {
    status: 200,
    headers: {
      // Cache-Control: no-store comes from server.mjs for every response it hands to Remix;
      // setting it here too would send "no-store, no-store" (the adapter appends).
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="fasthold.ics"',
      "X-Robots-Tag": "noindex",
    },
  });
}
