import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "~/utils/env.server";

function tmpDb() {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fasthold-env-")), "x.db");
}

describe("environment", () => {
  it("takes the retention period in whole years", () => {
    expect(parseEnv({ DATABASE_PATH: tmpDb(), RETENTION_YEARS: "10" }).retentionYears).toBe(10);
  });

  it("uses the documented defaults", () => {
    const env = parseEnv({ DATABASE_PATH: tmpDb() });
    expect(env).toMatchObject({ port: 3000, nodeEnv: "production", cookieSecure: true, seedDemo: true, sessionSecretSource: "file", retentionYears: 5 });
  });

  it("generates a session secret once and keeps it beside the database", () => {
    const db = tmpDb();
    const a = parseEnv({ DATABASE_PATH: db });
    const b = parseEnv({ DATABASE_PATH: db });
    expect(a.sessionSecret).toHaveLength(64);
    expect(b.sessionSecret).toBe(a.sessionSecret);
    expect(fs.statSync(path.join(path.dirname(db), "session-secret")).mode & 0o777).toBe(0o600);
  });

  it.each([
    [{ PORT: "abc" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ SESSION_SECRET: "short" }, "SESSION_SECRET"],
    [{ NODE_ENV: "staging" }, "NODE_ENV"],
    [{ COOKIE_SECURE: "yes" }, "COOKIE_SECURE"],
    [{ RETENTION_YEARS: "0" }, "RETENTION_YEARS"],
    [{ RETENTION_YEARS: "2.5" }, "RETENTION_YEARS"],
    [{ RETENTION_YEARS: "fem" }, "RETENTION_YEARS"],
  ])("refuses %o with a message naming %s", (vars, name) => {
    expect(() => parseEnv({ DATABASE_PATH: tmpDb(), ...vars })).toThrow(EnvError);
    try {
      parseEnv({ DATABASE_PATH: tmpDb(), ...vars });
    } catch (e) {
      expect((e as EnvError).message).toContain(name);
    }
  });
});

describe("client address and public address", () => {
  it.each([
    [undefined, false],
    ["false", false],
    ["0", false],
    ["1", 1],
    ["loopback", "loopback"],
    ["loopback, 10.0.0.0/8", "loopback,10.0.0.0/8"],
    ["192.168.1.5,fd00::/8", "192.168.1.5,fd00::/8"],
  ])("takes TRUST_PROXY=%s as %s", (value, expected) => {
    expect(parseEnv({ DATABASE_PATH: tmpDb(), TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each(["true", "yes", "10.0.0.0/33", "example.com", "loopback,", "1.2.3.4/8/8"])("refuses TRUST_PROXY=%s", (value) => {
    expect(() => parseEnv({ DATABASE_PATH: tmpDb(), TRUST_PROXY: value })).toThrow("TRUST_PROXY");
  });

  it("lets the default PUBLIC_URL follow PORT", () => {
    expect(parseEnv({ DATABASE_PATH: tmpDb(), PORT: "8080" })).toMatchObject({ publicUrl: "http://localhost:8080", publicUrlFollowsPort: true });
    expect(parseEnv({ DATABASE_PATH: tmpDb(), PORT: "8080", PUBLIC_URL: "https://fasthold.example" })).toMatchObject({
      publicUrl: "https://fasthold.example",
      publicUrlFollowsPort: false,
    });
  });

  it("caps connections per address at 128 unless told otherwise", () => {
    expect(parseEnv({ DATABASE_PATH: tmpDb() }).maxConnectionsPerAddress).toBe(128);
    expect(parseEnv({ DATABASE_PATH: tmpDb(), MAX_CONNECTIONS_PER_ADDRESS: "8" }).maxConnectionsPerAddress).toBe(8);
    expect(() => parseEnv({ DATABASE_PATH: tmpDb(), MAX_CONNECTIONS_PER_ADDRESS: "0" })).toThrow("MAX_CONNECTIONS_PER_ADDRESS");
  });
});

describe("mail environment", () => {
  it("writes mail to files beside the database when no SMTP server is set, and sends the digest at 07:00", () => {
    const db = tmpDb();
    expect(parseEnv({ DATABASE_PATH: db })).toMatchObject({
      smtpUrl: null,
      mailFrom: "Fasthold <noreply@fasthold.example>",
      mailDirectory: path.join(path.dirname(path.resolve(db)), "mail"),
      publicUrl: "http://localhost:3000",
      digestTime: "07:00",
      mailPollMs: 15_000,
    });
  });

  it("takes an SMTP address, a sender, a public address without trailing slash and a digest time", () => {
    const env = parseEnv({
      DATABASE_PATH: tmpDb(),
      SMTP_URL: "smtps://bruger:kode@mail.example:465",
      MAIL_FROM: "HR-portal <hr@firma.example>",
      PUBLIC_URL: "https://fasthold.firma.example/",
      DIGEST_TIME: "06:30",
    });
    expect(env).toMatchObject({ smtpUrl: "smtps://bruger:kode@mail.example:465", mailFrom: "HR-portal <hr@firma.example>", publicUrl: "https://fasthold.firma.example", digestTime: "06:30" });
  });

  it.each([
    [{ SMTP_URL: "http://mail.example" }, "SMTP_URL"],
    [{ PUBLIC_URL: "ftp://fasthold.example" }, "PUBLIC_URL"],
    [{ DIGEST_TIME: "7" }, "DIGEST_TIME"],
    [{ DIGEST_TIME: "24:00" }, "DIGEST_TIME"],
    [{ MAIL_POLL_MS: "10" }, "MAIL_POLL_MS"],
  ])("refuses %o with a message naming %s", (vars, name) => {
    expect(() => parseEnv({ DATABASE_PATH: tmpDb(), ...vars })).toThrow(name);
  });
});

describe("PostgreSQL mode", () => {
  const secret = "s".repeat(48);

  it("takes a postgres:// or postgresql:// address with a host and a database, and names it without the password", () => {
    const env = parseEnv({ DATABASE_PATH: tmpDb(), DATABASE_URL: "postgres://fasthold:hemmelig@db.example:5432/fasthold", SESSION_SECRET: secret });
    expect(env).toMatchObject({ dialect: "postgres", databaseUrl: "postgres://fasthold:hemmelig@db.example:5432/fasthold", databaseLabel: "PostgreSQL db.example:5432/fasthold" });
    expect(parseEnv({ DATABASE_PATH: tmpDb(), DATABASE_URL: "postgresql://db.example/fasthold?sslmode=require", SESSION_SECRET: secret }).dialect).toBe("postgres");
    // A local socket folder in ?host= is a host too.
    expect(parseEnv({ DATABASE_PATH: tmpDb(), DATABASE_URL: "postgres:///fasthold?host=/var/run/postgresql", SESSION_SECRET: secret }).databaseLabel).toBe(
      "PostgreSQL /var/run/postgresql/fasthold",
    );
  });

  it("runs on the SQLite file when DATABASE_URL is absent or empty", () => {
    expect(parseEnv({ DATABASE_PATH: tmpDb() })).toMatchObject({ dialect: "sqlite", databaseUrl: null });
    const db = tmpDb();
    expect(parseEnv({ DATABASE_PATH: db, DATABASE_URL: "  " })).toMatchObject({ dialect: "sqlite", databaseUrl: null, databaseLabel: db });
  });

  it.each([
    "mysql://db.example/fasthold",
    "sqlite:data/fasthold.db",
    "postgres://db.example",
    "postgres://db.example/",
    "postgres:///fasthold",
    "postgres://db.example/a/b",
    "postgres://[::1/fasthold",
  ])("refuses DATABASE_URL=%s with a message that does not repeat the address", (value) => {
    try {
      parseEnv({ DATABASE_PATH: tmpDb(), DATABASE_URL: value, SESSION_SECRET: secret });
      expect.unreachable("parseEnv accepted the address");
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const message = (error as EnvError).message;
      expect(message).toContain("DATABASE_URL: skal være en postgres:// eller postgresql://-adresse med vært og database");
      expect(message).not.toContain(value);
    }
  });

  it("refuses to start without SESSION_SECRET, and keeps no secret file beside DATABASE_PATH", () => {
    const db = tmpDb();
    expect(() => parseEnv({ DATABASE_PATH: db, DATABASE_URL: "postgres://db.example/fasthold" })).toThrow(
      /SESSION_SECRET: skal sættes \(mindst 32 tegn\), når DATABASE_URL peger på PostgreSQL/,
    );
    expect(fs.existsSync(path.join(path.dirname(db), "session-secret"))).toBe(false);
    expect(() => parseEnv({ DATABASE_PATH: db, DATABASE_URL: "postgres://db.example/fasthold", SESSION_SECRET: "kort" })).toThrow("SESSION_SECRET: skal være mindst 32 tegn");
    const env = parseEnv({ DATABASE_PATH: db, DATABASE_URL: "postgres://db.example/fasthold", SESSION_SECRET: secret });
    expect(env).toMatchObject({ sessionSecret: secret, sessionSecretSource: "environment" });
    expect(fs.existsSync(path.join(path.dirname(db), "session-secret"))).toBe(false);
  });

  it("polls for the background jobs' leadership every 5 seconds unless told otherwise", () => {
    expect(parseEnv({ DATABASE_PATH: tmpDb() }).leadershipPollMs).toBe(5_000);
    expect(parseEnv({ DATABASE_PATH: tmpDb(), LEADERSHIP_POLL_MS: "200" }).leadershipPollMs).toBe(200);
    expect(() => parseEnv({ DATABASE_PATH: tmpDb(), LEADERSHIP_POLL_MS: "10" })).toThrow("LEADERSHIP_POLL_MS");
    expect(() => parseEnv({ DATABASE_PATH: tmpDb(), LEADERSHIP_POLL_MS: "fem" })).toThrow("LEADERSHIP_POLL_MS");
  });
});
