/**
 * Calls a route's loader or action in the test's own process with a `Request`, as Remix does,
 * without a server: for the fine-grained cases (each validation error, each denial). The HTTP
 * and browser tests keep the journeys and what only the real server does (headers, limits).
 * The database is the test file's own copy (tests/support/setup-file.ts), seeded here.
 */
import { eq } from "drizzle-orm";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb, one } from "~db/client.server";
import { users } from "~db/schema";
import { seedDemoData } from "~/models/demo-seed.server";
import { startSession } from "~/models/user.server";
import { todayInCopenhagen } from "~/domain/dates";
import { serializeSessionCookie } from "~/utils/session.server";

const ORIGIN = "http://localhost";

/** The demo data, dated from today like a test server's (the hash is the tests' cheap one). */
export async function seedForDirectCalls(): Promise<void> {
  await seedDemoData(todayInCopenhagen(new Date()));
}

/** The Cookie header of a fresh session for a demo user, as a login would set it. */
export async function sessionCookieFor(email: string): Promise<string> {
  const user = await one(getDb().select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1));
  if (!user) throw new Error(`No user ${email}: seed first`);
  const sessionId = await startSession({ userId: user.id, previousSessionId: null });
  return (await serializeSessionCookie(sessionId)).split(";")[0]!;
}

type Handler = (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown;

/** A loader's or action's answer as a Response: Remix's thrown responses (redirects, 403, 404) included. */
async function call(handler: Handler, request: Request, params: Record<string, string>): Promise<Response> {
  try {
    const result = await handler({ request, params, context: { cspNonce: "", clientAddress: "10.9.8.7" } });
    if (result instanceof Response) return result;
    return Response.json(result);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export interface CallOptions {
  cookie?: string;
  params?: Record<string, string>;
}

export function callLoader(handler: Handler, pathname: string, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers(options.cookie ? { Cookie: options.cookie } : {});
  return call(handler, new Request(ORIGIN + pathname, { headers }), options.params ?? {});
}

/** A form post, as the browser sends it. */
export function callAction(handler: Handler, pathname: string, fields: Record<string, string>, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded" });
  if (options.cookie) headers.set("Cookie", options.cookie);
  const request = new Request(ORIGIN + pathname, { method: "POST", headers, body: new URLSearchParams(fields) });
  return call(handler, request, options.params ?? {});
}

/** The field errors of a Conform reply (what the form shows at each field). */
export async function fieldErrorsOf(res: Response): Promise<Record<string, string[]>> {
  const body = (await res.json()) as { error?: Record<string, string[] | null> };
  return Object.fromEntries(Object.entries(body.error ?? {}).filter((entry): entry is [string, string[]] => Array.isArray(entry[1])));
}
