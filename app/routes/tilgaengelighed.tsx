import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Tilgængelighedserklæring – Fasthold" }];

export default function Accessibility() {
  return (
    <div className="row">
      <div className="col-12 col-lg-9">
        <h1>Tilgængelighedserklæring</h1>
        <p className="font-lead">
          Fasthold skal kunne bruges af alle. Løsningen er bygget efter Det Fælles Designsystem og målrettet
          standarden WCAG 2.1 niveau AA, som lov om tilgængelighed af offentlige organers websteder og mobilapplikationer
          henviser til.
        </p>
        <h2>Sådan tester vi</h2>
        <p>
          Hver ændring testes automatisk: siderne gennemgås med værktøjet axe for WCAG 2.1 A og AA, og centrale forløb
          (log ind, registrering af fravær, fristoversigt) gennemføres med tastatur i en browser.
        </p>
        <h2>Det kan du forvente</h2>
        <ul>
          <li>Alle felter har en synlig ledetekst, og fejl vises både samlet øverst og ved det enkelte felt.</li>
          <li>Alle funktioner kan bruges med tastatur, og der er et link direkte til sidens indhold.</li>
          <li>Datoer vises som dd.mm.åååå, og status vises med tekst, ikke kun med farve.</li>
          <li>Blanketter i PDF har udfyldelige felter med ledetekster.</li>
        </ul>
        <h2>Kendte begrænsninger</h2>
        <p>
          Udskrevne PDF-blanketter er ikke mærket som tilgængelige PDF/UA-dokumenter. Indholdet findes også som
          almindelige sider i løsningen.
        </p>
        <h2>Kontakt</h2>
        <p>
          Oplever du problemer med tilgængeligheden, så kontakt din systemadministrator eller skriv til Digitaliseringsstyrelsens
          klageadgang via <a href="https://www.was.digst.dk">was.digst.dk</a>.
        </p>
      </div>
    </div>
  );
}
