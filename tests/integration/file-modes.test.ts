/**
 * What the server writes beside its database holds personal data or secrets: the database
 * with its WAL and shm files, the generated session secret, the .eml files in mail/ and the
 * uploads/ folder are the owner's alone (files 0600, folders 0700), checked by stat.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../support/http";
import { TMP_DIR } from "../support/paths";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let dir: string;

function mode(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

beforeAll(async () => {
  dir = path.join(TMP_DIR, `modes-${crypto.randomUUID()}`);
  fs.mkdirSync(dir, { recursive: true });
  // Folders left by an earlier version with the usual umask (0755) are tightened too.
  fs.mkdirSync(path.join(dir, "uploads"), { mode: 0o755 });
  // A fresh database: the server creates, migrates and seeds it, and generates the session secret.
  server = await startServer({ MAIL_POLL_MS: "100" }, { databasePath: path.join(dir, "fasthold.db") });
});

afterAll(async () => {
  await server?.stop();
});

describe("file modes beside the database", () => {
  it("creates the database, its WAL and shm files and the session secret readable by the owner only", () => {
    for (const file of ["fasthold.db", "fasthold.db-wal", "fasthold.db-shm", "session-secret"]) {
      expect(mode(path.join(dir, file)), file).toBe(0o600);
    }
  });

  it("writes the e-mails to mail/ as owner-only files in an owner-only folder", async () => {
    await new HttpClient(server.baseUrl).postForm("/glemt-adgangskode", { email: "hr@nordbyg.example" });
    const mailDir = path.join(dir, "mail");
    for (let i = 0; i < 200 && !(fs.existsSync(mailDir) && fs.readdirSync(mailDir).length > 0); i++) await new Promise((r) => setTimeout(r, 50));
    expect(mode(mailDir)).toBe(0o700);
    const files = fs.readdirSync(mailDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(mode(path.join(mailDir, file)), file).toBe(0o600);
  });

  it("keeps the uploads folder owner-only", () => {
    expect(mode(path.join(dir, "uploads"))).toBe(0o700);
  });
});
