import { Form, Link, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";

export interface HeaderUser {
  name: string;
  role: "employer" | "jobcenter";
  organisation: string;
  unreadNotifications: number;
  isAdmin: boolean;
}

const NAV: Record<"employer" | "jobcenter" | "anonymous", Array<{ to: string; label: string; end?: boolean }>> = {
  employer: [
    { to: "/virksomhed", label: "Overblik", end: true },
    { to: "/virksomhed/medarbejdere", label: "Medarbejdere" },
    { to: "/virksomhed/indsendelser", label: "Indsendelser" },
    { to: "/virksomhed/indstillinger", label: "Indstillinger" },
    { to: "/frister", label: "Fristberegner" },
  ],
  jobcenter: [
    { to: "/jobcenter", label: "Indbakke", end: true },
    { to: "/jobcenter/sager", label: "Åbne sager" },
    { to: "/frister", label: "Fristberegner" },
  ],
  anonymous: [
    { to: "/login", label: "Log ind" },
    { to: "/frister", label: "Fristberegner" },
  ],
};

export function PageHeader({ user }: { user: HeaderUser | null }) {
  const links = NAV[user?.role ?? "anonymous"];
  return (
    <header className="header">
      <a className="skipnav" href="#main-content">
        Gå til sidens indhold
      </a>
      <div className="portal-info">
        <div className="portal-info-inner container">
          <Link to="/" className="logo" aria-label="Fasthold, til forsiden">
            <span>Fasthold</span>
          </Link>
          {user ? (
            <div className="portal-user">
              <p className="user">
                {user.name}, {user.organisation}
              </p>
              <p className="user">
                <Link to="/notifikationer" className="function-link" data-testid="notifications-link">
                  {user.unreadNotifications > 0 ? `Notifikationer (${user.unreadNotifications} nye)` : "Notifikationer"}
                </Link>
              </p>
              {/* Beside the user's name rather than in the main menu, which DKFDS folds into "Mere" when it is long. */}
              <p className="user">
                <Link to="/konto" className="function-link">
                  Min konto
                </Link>
                {user.isAdmin ? (
                  <>
                    {" · "}
                    <Link to="/brugere" className="function-link">
                      Brugere
                    </Link>
                    {user.role === "employer" ? (
                      <>
                        {" · "}
                        <Link to="/virksomhed/revisionslog" className="function-link">
                          Revisionslog
                        </Link>
                      </>
                    ) : null}
                  </>
                ) : null}
              </p>
              <Form method="post" action="/logout" className="d-print-none">
                <button type="submit" className="function-link log-off">
                  Log af
                </button>
              </Form>
            </div>
          ) : null}
        </div>
      </div>
      <div className="solution-info">
        <div className="solution-info-inner container">
          <div className="solution-heading">
            <Link to="/">Fasthold – fastholdelse ved sygefravær</Link>
          </div>
          <div className="additional-info">
            <p>
              <strong className="authority-name">{user ? user.organisation : "Til arbejdsgivere og jobcentre"}</strong>
            </p>
          </div>
        </div>
      </div>
      <div className="navigation-menu">
        <div className="navigation-menu-inner container">
          <nav className="nav" aria-label="Hovedmenu">
            <ul className="mainmenu">
              {links.map((l) => (
                <li key={l.to}>
                  <NavLink to={l.to} end={l.end} className={({ isActive }) => `nav-link${isActive ? " current" : ""}`}>
                    <span>{l.label}</span>
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </div>
    </header>
  );
}

export function PageFooter() {
  return (
    <footer>
      <div className="footer">
        <div className="container">
          <div className="row">
            <div className="col-12 col-md-6 footer-col">
              <p>
                <strong>Fasthold</strong>
                <br />
                Frister og dokumenter ved sygefravær efter sygedagpengeloven.
              </p>
            </div>
            <div className="col-12 col-md-6 footer-col">
              <ul className="unstyled-list inline-list">
                <li>
                  <Link to="/tilgaengelighed" className="function-link">
                    Tilgængelighedserklæring
                  </Link>
                </li>
                <li>
                  <Link to="/frister" className="function-link">
                    Fristberegner
                  </Link>
                </li>
              </ul>
            </div>
          </div>
        </div>
      </div>
    </footer>
  );
}

export function Main({ children }: { children: ReactNode }) {
  return (
    <main className="container page-container" id="main-content">
      {children}
    </main>
  );
}
