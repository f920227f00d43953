import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { Main, PageFooter, PageHeader, type HeaderUser } from "./components/layout";
import { useNonce } from "./components/nonce";
// Zod speaks Danish on the server and in the browser before any form is parsed.
import "./forms/danish-errors";
import { unreadNotificationCount } from "./models/notification.server";
import { getSessionUser } from "./models/auth.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/dkfds/css/dkfds-virkdk.min.css" },
  { rel: "stylesheet", href: "/app.css" },
  { rel: "stylesheet", href: "/charts.css" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/** The Danish title and text of the error page for a status; used by meta and the error boundary alike. */
function errorCopy(status: number): { title: string; text: string } {
  if (status === 404) return { title: "Siden findes ikke", text: "Adressen er forkert, eller siden er flyttet eller slettet." };
  if (status === 403) return { title: "Ingen adgang", text: "Du har ikke adgang til denne side med den bruger, du er logget ind med." };
  if (status === 409) return { title: "Handlingen er ikke mulig nu", text: "Sagen er ændret, eller handlingen er allerede udført. Gå tilbage, og genindlæs siden." };
  if (status === 400) return { title: "Forespørgslen kunne ikke behandles", text: "Oplysningerne i forespørgslen er ikke gyldige." };
  return { title: "Der opstod en fejl", text: "Noget gik galt hos os. Prøv igen om lidt. Fejlen er registreret." };
}

// An error page is titled by its error (WCAG 2.4.2): the boundary's own <title> would land in <body>,
// where the browser ignores it in favour of the one in <head>.
export const meta: MetaFunction = ({ error }) => [
  { title: error ? `${errorCopy(isRouteErrorResponse(error) ? error.status : 500).title} – Fasthold` : "Fasthold" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const header: HeaderUser | null = user
    ? {
        name: user.name,
        role: user.role,
        organisation: user.role === "employer" ? user.company.name : `Jobcenter ${user.municipality.name}`,
        unreadNotifications: await unreadNotificationCount({ userId: user.id }),
        isAdmin: user.isAdmin,
        manager: user.role === "employer" && user.accessLevel === "manager",
      }
    : null;
  return json({ user: header });
}

/** Det Fælles Designsystem's script runs in the browser only, after hydration. */
function useDkfdsScript() {
  useEffect(() => {
    const w = window as unknown as { DKFDS?: { init: () => void } };
    if (w.DKFDS) return;
    const script = document.createElement("script");
    script.src = "/dkfds/js/dkfds.min.js";
    script.async = true;
    script.onload = () => w.DKFDS?.init();
    document.body.appendChild(script);
  }, []);
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  useDkfdsScript();
  return (
    <html lang="da">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <PageHeader user={data?.user ?? null} />
        <Main>{children}</Main>
        <PageFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const { title, text } = errorCopy(status);
  // A refused request (400, 409) says why, in the Danish message the action gave.
  const reason = isRouteErrorResponse(error) && (status === 400 || status === 409) && typeof error.data === "string" && error.data ? error.data : null;
  return (
    <>
      <h1>{title}</h1>
      <p className="font-lead">{reason ?? text}</p>
      <p>
        <Link to="/">Gå til forsiden</Link>
      </p>
    </>
  );
}
