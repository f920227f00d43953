import { Link } from "@remix-run/react";

const COPY = {
  reset: {
    expired: { title: "Linket er udløbet", text: "Et link til at nulstille adgangskoden virker i 1 time." },
    used: { title: "Linket er allerede brugt", text: "Et link til at nulstille adgangskoden virker kun én gang." },
    unknown: { title: "Linket virker ikke", text: "Kontrollér, at du har kopieret hele linket fra e-mailen." },
  },
  invitation: {
    expired: { title: "Invitationen er udløbet", text: "En invitation virker i 72 timer." },
    used: { title: "Invitationen er allerede brugt", text: "En invitation virker kun én gang. Har du allerede valgt en adgangskode, kan du logge ind." },
    unknown: { title: "Invitationen virker ikke", text: "Kontrollér, at du har kopieret hele linket fra e-mailen." },
  },
} as const;

/** The page a spent, expired or wrong link from an e-mail shows, with the way forward. */
export function LinkProblem({ kind, status }: { kind: "reset" | "invitation"; status: "expired" | "used" | "unknown" }) {
  const copy = COPY[kind][status];
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <h1>{copy.title}</h1>
        <p className="font-lead">{copy.text}</p>
        {kind === "reset" ? (
          <p>
            <Link to="/glemt-adgangskode">Bed om et nyt link</Link> eller <Link to="/login">gå til log ind</Link>.
          </p>
        ) : (
          <p>
            Bed din administrator om en ny invitation, eller <Link to="/login">gå til log ind</Link>.
          </p>
        )}
      </div>
    </div>
  );
}
