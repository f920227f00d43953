import { redirect } from "@remix-run/node";
import { readSessionId } from "~/utils/session.server";
import { managerAccess } from "./department-scope.server";
import { findSessionUser, type EmployerUser, type JobcenterUser, type SessionUser } from "./user.server";

export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await readSessionId(request);
  return sessionId ? await findSessionUser({ sessionId }) : null;
}

export function homePathFor(user: Pick<SessionUser, "role">): string {
  return user.role === "employer" ? "/virksomhed" : "/jobcenter";
}

/** An anonymous visitor goes to the login page and comes back to where they were going. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/login?${new URLSearchParams({ redirectTo: back })}`);
  }
  return user;
}

function forbidden(): Response {
  return new Response("Du har ikke adgang til denne side.", {
    status: 403,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

function notFound(): Response {
  return new Response("Siden findes ikke.", { status: 404 });
}

/**
 * A company user. A manager is checked here, once for every employer route, against the
 * page's address (department-scope.server.ts): a page of HR's answers 403, another
 * department's employee, absence or document 404, as another company's does.
 */
export async function requireEmployer(request: Request): Promise<EmployerUser> {
  const user = await requireUser(request);
  if (user.role !== "employer") throw forbidden();
  if (user.accessLevel === "manager") {
    const access = await managerAccess(user.scope, new URL(request.url).pathname);
    if (access === "hr-only") throw forbidden();
    if (access === "not-found") throw notFound();
  }
  return user;
}

/** A company user with the whole company in reach (not a manager): for pages that are HR's whatever the address. */
export async function requireHr(request: Request): Promise<EmployerUser> {
  const user = await requireEmployer(request);
  if (user.accessLevel !== "hr") throw forbidden();
  return user;
}

export async function requireJobcenter(request: Request): Promise<JobcenterUser> {
  const user = await requireUser(request);
  if (user.role !== "jobcenter") throw forbidden();
  return user;
}
