import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { plural } from "~/domain/danish-text";

export interface HeaderUser {
  name: string;
  role: "employer" | "jobcenter";
  organisation: string;
  unreadNotifications: number;
  isAdmin: boolean;
  /** A nearest manager: the pages that stay with HR are not in their menu. */
  manager?: boolean;
}

interface NavItem {
  to: string;
  label: string;
  end?: boolean;
}

/** A manager's menu: HR's statistics and settings are not theirs (department-scope.server.ts answers 403 there). */
const MANAGER_HIDDEN = new Set(["/virksomhed/statistik", "/virksomhed/indstillinger"]);

const MANAGER_CALENDAR: NavItem = { to: "/virksomhed/kalender", label: "Min kalender" };

const NAV: Record<"employer" | "jobcenter" | "anonymous", NavItem[]> = {
  employer: [
    { to: "/virksomhed", label: "Overblik", end: true },
    { to: "/virksomhed/medarbejdere", label: "Medarbejdere" },
    { to: "/virksomhed/sager", label: "Sager" },
    { to: "/virksomhed/indsendelser", label: "Indsendelser" },
    { to: "/virksomhed/statistik", label: "Statistik" },
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

/** HR's menu without statistics and settings, with the manager's own calendar address before the calculator. */
const MANAGER_NAV: NavItem[] = [...NAV.employer.filter((l) => !MANAGER_HIDDEN.has(l.to) && l.to !== "/frister"), MANAGER_CALENDAR, { to: "/frister", label: "Fristberegner" }];

/** Fasthold's own mark: Fasthold is not a government service, so it does not wear the Virk logo. */
function FastholdLogo() {
  return (
    <Link to="/" className="fasthold-logo" aria-label="Fasthold, til forsiden">
      <svg className="fasthold-mark" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="6" fill="#1a3a5c" />
        <path d="M10 8h13v4h-8.5v4H21v4h-6.5v6H10z" fill="#ffffff" />
      </svg>
      <span className="fasthold-name" aria-hidden="true">
        Fasthold
      </span>
    </Link>
  );
}

/** The main menu's links, the same on the desktop bar and in the phone's drawer. */
function MainMenu({ links }: { links: NavItem[] }) {
  return (
    <ul className="mainmenu">
      {links.map((l) => (
        <li key={l.to}>
          <NavLink to={l.to} end={l.end} className={({ isActive }) => `nav-link${isActive ? " current" : ""}`}>
            <span>{l.label}</span>
          </NavLink>
        </li>
      ))}
    </ul>
  );
}

function UserLinks({ user, idPrefix }: { user: HeaderUser; idPrefix: string }) {
  return (
    <>
      <p className="user">
        <Link to="/notifikationer" className="function-link" data-testid={`${idPrefix}notifications-link`}>
          {user.unreadNotifications > 0 ? `Notifikationer (${plural(user.unreadNotifications, "ny", "nye")})` : "Notifikationer"}
        </Link>
      </p>
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
    </>
  );
}

/**
 * Below DKFDS's navigation breakpoint the desktop header hides the menu and the user's links, so
 * phones get DKFDS's drawer pattern (menu button, "Menu" heading, close button). It is driven by
 * React rather than DKFDS's script: the script binds once at load, and Remix re-renders the header
 * on every navigation.
 */
function MobileMenu({ user, links }: { user: HeaderUser | null; links: NavItem[] }) {
  const [open, setOpen] = useState(false);
  const location = useLocation();
  const opener = useRef<HTMLButtonElement>(null);
  const closer = useRef<HTMLButtonElement>(null);
  useEffect(() => setOpen(false), [location.pathname, location.search]);
  useEffect(() => {
    if (!open) return;
    closer.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        opener.current?.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  return (
    <>
      <button
        ref={opener}
        type="button"
        className="function-link button-menu-open ml-auto d-print-none"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls="mobile-menu"
        onClick={() => setOpen(true)}
        data-testid="menu-open"
      >
        <svg className="icon-svg" aria-hidden="true" focusable="false" viewBox="0 0 24 24">
          <path d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z" />
        </svg>
        Menu
      </button>
      <div
        id="mobile-menu"
        className={`mobile-drawer${open ? " is-visible" : ""}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby="menu-heading"
        hidden={!open}
      >
        <div className="menu-top">
          <h2 id="menu-heading" className="menu-heading">
            Menu
          </h2>
          <button ref={closer} type="button" className="function-link button-menu-close" aria-label="Luk menu" onClick={close}>
            Luk
          </button>
        </div>
        {user ? (
          <div className="portal-info-mobile">
            <p className="user">
              <span className="mb-3">{user.name}</span>
              <span>{user.organisation}</span>
            </p>
            <UserLinks user={user} idPrefix="mobile-" />
          </div>
        ) : null}
        <nav className="navigation-menu-mobile" aria-label="Mobilmenu">
          <MainMenu links={links} />
        </nav>
      </div>
      <div className={`overlay${open ? " is-visible" : ""}`} onClick={close} aria-hidden="true" />
    </>
  );
}

export function PageHeader({ user }: { user: HeaderUser | null }) {
  const links = user?.manager ? MANAGER_NAV : NAV[user?.role ?? "anonymous"];
  return (
    <header className="header">
      <a className="skipnav" href="#main-content">
        Gå til sidens indhold
      </a>
      <div className="portal-info">
        <div className="portal-info-inner container">
          <FastholdLogo />
          <MobileMenu user={user} links={links} />
          {user ? (
            <div className="portal-user">
              <p className="user">
                {user.name}, {user.organisation}
              </p>
              {/* Beside the user's name rather than in the main menu, which DKFDS folds into "Mere" when it is long. */}
              <UserLinks user={user} idPrefix="" />
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
              <strong className="authority-name">{user ? user.organisation : "Til arbejdsgivere og kommuner"}</strong>
            </p>
          </div>
        </div>
      </div>
      <div className="navigation-menu">
        <div className="navigation-menu-inner container">
          <nav className="nav" aria-label="Hovedmenu">
            <MainMenu links={links} />
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
