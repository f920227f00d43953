/**
 * The employee import on PostgreSQL (issue 27), found by `npm run bench` on PostgreSQL: the
 * preview reads each employee's last move, which went through the SQLite session's all() and
 * failed on PostgreSQL ("Filen kunne ikke behandles"). Preview, confirm and the same file again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, type HttpClient } from "../support/http";
import { postgresAvailable, startPostgres, type RunningPostgres } from "../support/postgres";
import { queryPostgres, startServerOnPostgres } from "../support/postgres-servers";
import type { RunningServer } from "../support/server";

const FILE = [
  "Medarbejdernr;Navn;Fødselsdato;Kommune;Ansat siden;Afdeling;By",
  // Søren (demo 1001) has moved from Aarhus to København.
  "1001;Søren Ærø Åberg;14.03.1968;Københavns Kommune;01.08.2011;Byggeplads;København N",
  "2001;Ida Vang;05.05.1990;Aarhus;01.09.2024;Lager;Aarhus C",
].join("\r\n");

describe.skipIf(!postgresAvailable())("the employee import on PostgreSQL", () => {
  let postgres: RunningPostgres;
  let server: RunningServer & { databaseUrl: string };
  let hr: HttpClient;

  beforeAll(async () => {
    postgres = await startPostgres();
    server = await startServerOnPostgres(postgres);
    hr = await signedIn(server.baseUrl, "hr@nordbyg.example");
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await postgres?.stop();
  });

  async function preview(): Promise<{ url: string; html: string }> {
    const form = new FormData();
    form.set("file", new File([new TextEncoder().encode(FILE)], "medarbejdere.csv", { type: "text/csv" }));
    form.set("movedOn", "2026-11-01");
    const res = await hr.postMultipart("/virksomhed/medarbejdere/import", form);
    expect(res.status, await res.clone().text()).toBe(302);
    const url = res.headers.get("location")!;
    return { url, html: (await (await hr.get(url)).text()).replace(/<!-- -->/g, "") };
  }

  it("previews, confirms, and finds nothing to change in the same file again", async () => {
    const first = await preview();
    expect(first.html).not.toContain("Importen mislykkedes");
    expect(first.html).toMatch(/<strong>1<\/strong> nye/);
    expect(first.html).toMatch(/<strong>1<\/strong> opdateres/);
    expect(first.html).toContain("Flytning: Aarhus Kommune → Københavns Kommune");

    expect((await hr.postForm(first.url, {})).status).toBe(302);
    expect(await (await hr.get(first.url)).text()).toContain("Importen er gennemført");
    const moves = await queryPostgres<{ moved_on: string }>(
      server.databaseUrl,
      "select m.moved_on from employee_moves m join employees e on e.id = m.employee_id where e.employee_number = '1001'",
    );
    expect(moves).toEqual([{ moved_on: "2026-11-01" }]);

    const again = await preview();
    expect(again.html).toMatch(/<strong>0<\/strong> nye/);
    expect(again.html).toMatch(/<strong>0<\/strong> opdateres/);
    expect(again.html).toMatch(/<strong>2<\/strong> uændrede/);
  });
});
