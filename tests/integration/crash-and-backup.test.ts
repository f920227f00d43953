/**
 * Faults a real server meets: killed with SIGKILL in the middle of writes,
 * backed up while it runs, restored after it stopped (and not before).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { todayInCopenhagen, addDays } from "~/domain/dates";
import { signedIn, type HttpClient } from "../support/http";
import { ROOT, TMP_DIR } from "../support/paths";
import { startServer } from "../support/server";

const run = promisify(execFile);
const today = todayInCopenhagen(new Date());

function employee(name: string) {
  return { name, birthDate: "1980-02-03", municipalityCode: "751", employmentStartDate: "2010-01-01", jobTitle: "Tømrer", weeklyHours: "37" };
}

function absence() {
  return { firstAbsenceDay: addDays(today, -10), extent: "full", pay: "salary", expectedOver8Weeks: "on" };
}

/** An employee created through the real form; its id when the server said so (a redirect to its page). */
async function createEmployee(client: HttpClient, name: string): Promise<number | null> {
  const res = await client.postForm("/virksomhed/medarbejdere/ny", employee(name));
  const id = /\/virksomhed\/medarbejdere\/(\d+)/.exec(res.headers.get("location") ?? "")?.[1];
  return res.status === 302 && id ? Number(id) : null;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error("Timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

function script(name: string, args: string[], databasePath: string) {
  return run(process.execPath, [path.join("scripts", name), ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", DATABASE_PATH: databasePath } }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe("crash safety", () => {
  it("keeps every write the server acknowledged when it is killed with SIGKILL mid-stream, and the database stays whole", async () => {
    const server = await startServer();
    const client = await signedIn(server.baseUrl, "hr@nordbyg.example");
    const employees = new Map<string, number>();
    const absences: number[] = [];
    let killed = false;
    // Four writers: an employee, then an absence for it, over and over, until the process dies under them.
    const writer = async (w: number) => {
      for (let i = 0; !killed; i++) {
        try {
          const name = `Nedbrud ${w}-${i}`;
          const id = await createEmployee(client, name);
          if (id === null) continue;
          employees.set(name, id);
          const res = await client.postForm(`/virksomhed/medarbejdere/${id}/fravaer/ny`, absence());
          const absenceId = /\/virksomhed\/fravaer\/(\d+)/.exec(res.headers.get("location") ?? "")?.[1];
          if (res.status === 302 && absenceId) absences.push(Number(absenceId));
        } catch {
          return; // the connection died with the server
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    await until(() => absences.length >= 40, 60_000);
    await server.kill("SIGKILL");
    killed = true;
    await Promise.all(writers);

    // A SIGKILL leaves the pid file behind; the restart sees its process is gone.
    const restarted = await startServer({}, { databasePath: server.databasePath });
    try {
      const db = new Database(server.databasePath, { readonly: true });
      try {
        expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
        expect(db.pragma("foreign_key_check")).toEqual([]);
        const storedNames = new Set((db.prepare("select name from employees where name like 'Nedbrud %'").all() as Array<{ name: string }>).map((r) => r.name));
        const storedAbsences = new Set((db.prepare("select id from absences").all() as Array<{ id: number }>).map((r) => r.id));
        expect([...employees.keys()].filter((n) => !storedNames.has(n))).toEqual([]);
        expect(absences.filter((id) => !storedAbsences.has(id))).toEqual([]);
        // Every acknowledged write left its audit row in the same transaction.
        const audited = (db.prepare("select count(*) as n from audit_log where action = 'absence.create'").get() as { n: number }).n;
        expect(audited).toBeGreaterThanOrEqual(absences.length);
      } finally {
        db.close();
      }
      const again = await signedIn(restarted.baseUrl, "hr@nordbyg.example");
      const page = await again.get(`/virksomhed/fravaer/${absences.at(-1)}`);
      expect(page.status).toBe(200);
    } finally {
      await restarted.stop();
    }
  }, 120_000);
});

describe("backup and restore", () => {
  it("backs up while the server runs and writes, refuses to restore under it, and restores after it stopped", async () => {
    const server = await startServer();
    const dir = path.join(TMP_DIR, `backup-${process.pid}-${Date.now()}`);
    fs.mkdirSync(dir, { recursive: true });
    const backupFile = path.join(dir, "fasthold-backup.db");
    const client = await signedIn(server.baseUrl, "hr@nordbyg.example");
    let restarted: Awaited<ReturnType<typeof startServer>> | undefined;
    try {
      const before = await createEmployee(client, "Før Kopien");
      expect(before).not.toBeNull();

      // Writes keep coming while the copy is taken.
      let writing = true;
      const during: Array<number | null> = [];
      const writer = (async () => {
        for (let i = 0; writing; i++) during.push(await createEmployee(client, `Under Kopien ${i}`));
      })();
      const backup = await script("backup.mjs", [backupFile], server.databasePath);
      writing = false;
      await writer;
      expect(backup.stderr).toBe("");
      expect(backup.code).toBe(0);
      expect(backup.stdout).toContain("integrity_check ok");
      expect(await script("backup.mjs", [backupFile], server.databasePath)).toMatchObject({ code: 1 });

      const after = await createEmployee(client, "Efter Kopien");
      expect(after).not.toBeNull();

      const refused = await script("restore.mjs", [backupFile], server.databasePath);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("Serveren kører");
      // A second server on the same database is refused the same way.
      await expect(startServer({}, { databasePath: server.databasePath })).rejects.toThrow(/bruges allerede af en anden proces/);

      await server.stop();
      const notFasthold = path.join(dir, "other.db");
      new Database(notFasthold).exec("create table t (x)");
      expect((await script("restore.mjs", [notFasthold], server.databasePath)).stderr).toContain("ikke en Fasthold-database");
      fs.writeFileSync(path.join(dir, "garbage.db"), "not a database at all ".repeat(100));
      expect((await script("restore.mjs", [path.join(dir, "garbage.db")], server.databasePath)).code).toBe(1);

      const restored = await script("restore.mjs", [backupFile], server.databasePath);
      expect(restored.stderr).toBe("");
      expect(restored.code).toBe(0);

      restarted = await startServer({}, { databasePath: server.databasePath });
      const again = await signedIn(restarted.baseUrl, "hr@nordbyg.example");
      expect((await again.get(`/virksomhed/medarbejdere/${before}`)).status).toBe(200);
      expect((await again.get(`/virksomhed/medarbejdere/${after}`)).status).toBe(404);
      const db = new Database(server.databasePath, { readonly: true });
      try {
        expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
        expect(db.prepare("select count(*) as n from employees where name = 'Efter Kopien'").get()).toEqual({ n: 0 });
      } finally {
        db.close();
      }
      // The replaced database is kept, with the write the backup did not have.
      const kept = fs.readdirSync(path.dirname(server.databasePath)).find((f) => f.includes(".before-restore-"));
      expect(kept).toBeDefined();
      const old = new Database(path.join(path.dirname(server.databasePath), kept!), { readonly: true });
      expect(old.prepare("select count(*) as n from employees where name = 'Efter Kopien'").get()).toEqual({ n: 1 });
      old.close();
    } finally {
      await server.stop();
      await restarted?.stop();
    }
  }, 120_000);
});
