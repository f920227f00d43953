import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { MAX_BODY_BYTES } from "~/forms/deadline-query";
import { evaluateDeadlineRequest } from "~/models/deadline-api.server";
import { today } from "~/utils/http.server";

const HEADERS = { "Content-Type": "application/json; charset=utf-8" };

/** The API answers POST only. */
export function loader() {
  return json({ errors: { method: ["Brug POST med en JSON-forespørgsel."] } }, { status: 405, headers: { ...HEADERS, Allow: "POST" } });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") {
    return json({ errors: { method: ["Brug POST med en JSON-forespørgsel."] } }, { status: 405, headers: { ...HEADERS, Allow: "POST" } });
  }
  // Refuse an oversized body before reading it.
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_BODY_BYTES) {
    return json({ errors: { body: [`Forespørgslen må højst fylde ${MAX_BODY_BYTES / 1024} kB.`] } }, { status: 413, headers: HEADERS });
  }
  const answer = evaluateDeadlineRequest(await request.text(), today());
  return json(answer.body, { status: answer.status, headers: HEADERS });
}
