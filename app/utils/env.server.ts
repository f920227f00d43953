import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { isPostgresUrl, type Dialect } from "~db/dialect";
import { fastTestHashRequested } from "./password.server";
import { ensurePrivateDir, writePrivateFile } from "./private-files.server";

const boolish = z
  .enum(["true", "false", "1", "0"], { error: "skal være true eller false" })
  .transform((v) => v === "true" || v === "1");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"], { error: "skal være production, development eller test" }).default("production"),
  PORT: z.coerce
    .number({ error: "skal være et portnummer" })
    .int("skal være et heltal")
    .min(0, "skal være mellem 0 og 65535")
    .max(65535, "skal være mellem 0 og 65535")
    .default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_PATH: z.string().min(1, "må ikke være tom").default("data/fasthold.db"),
  // Without it (or empty) the SQLite file at DATABASE_PATH; with it, PostgreSQL (db/dialect.ts).
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || isUsablePostgresUrl(v), {
      // The address itself is never repeated in the message: it usually holds the password.
      message:
        "skal være en postgres:// eller postgresql://-adresse med vært og database, fx postgres://fasthold:kode@db.example:5432/fasthold (udelad DATABASE_URL for at bruge SQLite-filen i DATABASE_PATH)",
    }),
  SESSION_SECRET: z.string().min(32, "skal være mindst 32 tegn").optional(),
  COOKIE_SECURE: boolish.optional(),
  SEED_DEMO: boolish.default(true),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, "skal være en smtp:// eller smtps://-adresse, fx smtp://bruger:kode@mail.example:587")
    .optional(),
  MAIL_FROM: z.string().min(3, "skal være en afsender, fx Fasthold <noreply@fasthold.example>").default("Fasthold <noreply@fasthold.example>"),
  // Without a value the default follows PORT (see parseEnv), so links work on the demo's own port.
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "skal være en http(s)-adresse, fx https://fasthold.example" })
    .transform((u) => u.replace(/\/+$/, ""))
    .optional(),
  TRUST_PROXY: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx): TrustProxy => {
      const parsed = parseTrustProxy(v);
      if (parsed === "invalid") {
        ctx.addIssue({
          code: "custom",
          message:
            "skal være false, et antal proxyer foran serveren (fx 1) eller en kommasepareret liste af loopback, linklocal, uniquelocal, IP-adresser og netværk (fx 10.0.0.0/8); true er ikke tilladt, for så kunne enhver klient angive sin egen adresse",
        });
        return false;
      }
      return parsed;
    }),
  MAX_CONNECTIONS_PER_ADDRESS: z.coerce
    .number({ error: "skal være et antal forbindelser" })
    .int("skal være et heltal")
    .min(1, "skal være mindst 1")
    .max(100_000, "kan højst være 100000")
    .default(128),
  DIGEST_TIME: z
    .string()
    .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "skal være et klokkeslæt som TT:MM, fx 07:00")
    .default("07:00"),
  MAIL_POLL_MS: z.coerce
    .number({ error: "skal være et antal millisekunder" })
    .int("skal være et heltal")
    .min(50, "skal være mindst 50")
    .max(3_600_000, "skal være højst 3600000")
    .default(15_000),
  WEB_CONCURRENCY: z.coerce
    .number({ error: "skal være et antal processer" })
    .int("skal være et heltal")
    .min(1, "skal være mindst 1")
    .max(32, "kan højst være 32")
    .optional(),
  LEADERSHIP_POLL_MS: z.coerce
    .number({ error: "skal være et antal millisekunder" })
    .int("skal være et heltal")
    .min(50, "skal være mindst 50")
    .max(60_000, "skal være højst 60000")
    .default(5_000),
  // How often a server refreshes the heartbeat of the background work it runs (imports, exports);
  // work silent for three intervals counts as interrupted (db/job-owner.server.ts, docs/decisions/017).
  JOB_HEARTBEAT_MS: z.coerce
    .number({ error: "skal være et antal millisekunder" })
    .int("skal være et heltal")
    .min(50, "skal være mindst 50")
    .max(60_000, "skal være højst 60000")
    .default(5_000),
  RETENTION_YEARS: z.coerce
    .number({ error: "skal være et antal år" })
    .int("skal være et helt antal år")
    .min(1, "skal være mindst 1")
    .max(100, "kan højst være 100")
    .default(5),
});

/**
 * A PostgreSQL address the driver can use: the scheme, a host (a name, or a socket folder in
 * ?host=) and a database name in the path.
 */
function isUsablePostgresUrl(value: string): boolean {
  if (!isPostgresUrl(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const host = url.hostname || url.searchParams.get("host");
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  return Boolean(host) && database.length > 0 && !database.includes("/");
}

/** Express's "trust proxy": false (the socket's address only), a hop count, or addresses and networks. */
export type TrustProxy = false | number | string;

const TRUST_PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isAddressOrNetwork(entry: string): boolean {
  if (TRUST_PROXY_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split("/");
  const family = net.isIP(address ?? "");
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY as Express takes it. "true" (trust every hop) is refused: the
 * client address would then be whatever the client writes in X-Forwarded-For.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy | "invalid" {
  if (value === undefined || value === "" || value === "false" || value === "0") return false;
  if (/^[0-9]{1,2}$/.test(value)) return Number(value);
  const entries = value.split(",").map((e) => e.trim());
  return entries.every(isAddressOrNetwork) ? entries.join(",") : "invalid";
}

export interface Env {
  nodeEnv: "production" | "development" | "test";
  port: number;
  host: string;
  /** SQLite (the file at databasePath) or PostgreSQL (databaseUrl), as db/dialect.ts decides. */
  dialect: Dialect;
  /**
   * The SQLite file. In PostgreSQL mode it is not the database: no claim file and no session
   * secret are kept beside it; only mail without SMTP_URL is still written to files in its folder.
   */
  databasePath: string;
  databaseUrl: string | null;
  /** What the start line names: the file, or the PostgreSQL host and database (never the password). */
  databaseLabel: string;
  sessionSecret: string;
  sessionSecretSource: "environment" | "file";
  cookieSecure: boolean;
  seedDemo: boolean;
  /** Outgoing mail server; without it messages are written as .eml files to mailDirectory. */
  smtpUrl: string | null;
  mailFrom: string;
  mailDirectory: string;
  /** The address links in e-mails and the calendar feed point to, never taken from a request's Host. */
  publicUrl: string;
  /** PUBLIC_URL was not set: the default follows the port the server actually listens on. */
  publicUrlFollowsPort: boolean;
  /** Whose X-Forwarded-* headers are believed (Express "trust proxy"); false: the socket address only. */
  trustProxy: TrustProxy;
  /** Open connections one client address may hold at once (the server and a cluster's primary enforce it). */
  maxConnectionsPerAddress: number;
  /** HH:MM in Europe/Copenhagen: the daily digest goes out at the first worker run from then on. */
  digestTime: string;
  mailPollMs: number;
  /** How often, on PostgreSQL, a server tries to take over the background jobs and their leader checks its lock. */
  leadershipPollMs: number;
  /** How often a server refreshes the heartbeat of an import or export it works on; three silent intervals mark the work interrupted. */
  jobHeartbeatMs: number;
  /** Closed absences and their documents are deleted this many years after they closed. */
  retentionYears: number;
  /** Server processes answering requests (server.mjs): WEB_CONCURRENCY, or one per core up to four. */
  webConcurrency: number;
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Ugyldig konfiguration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/**
 * The local demo gets a generated secret, persisted beside the database so
 * sessions survive a restart; production sets SESSION_SECRET.
 */
function sessionSecretFromFile(databasePath: string): string {
  const file = path.join(path.dirname(path.resolve(databasePath)), "session-secret");
  if (fs.existsSync(file)) {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  }
  ensurePrivateDir(path.dirname(file));
  const secret = crypto.randomBytes(32).toString("hex");
  writePrivateFile(file, secret + "\n");
  return secret;
}

function postgresLabel(value: string): string {
  const url = new URL(value);
  const host = url.hostname ? `${url.hostname}${url.port ? `:${url.port}` : ""}` : (url.searchParams.get("host") ?? "");
  return `PostgreSQL ${host}/${decodeURIComponent(url.pathname.slice(1))}`;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const e = parsed.data;
  // The tests' cheap password hash must never protect real accounts: a server meant for
  // production that has the flag set refuses to start rather than ignore it quietly.
  if (fastTestHashRequested(source) && e.NODE_ENV === "production") {
    throw new EnvError(["FASTHOLD_TEST_FAST_HASH: må kun bruges af testene (NODE_ENV=test), aldrig med NODE_ENV=production"]);
  }
  const postgres = e.DATABASE_URL !== undefined;
  // Several servers share one PostgreSQL database: a session one server signed must be valid on
  // the next, so they need one secret from the environment; a generated file would differ per machine.
  if (postgres && !e.SESSION_SECRET) {
    throw new EnvError([
      "SESSION_SECRET: skal sættes (mindst 32 tegn), når DATABASE_URL peger på PostgreSQL: alle servere skal bruge den samme hemmelighed, og den gemmes ikke på den lokale disk",
    ]);
  }
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dialect: postgres ? "postgres" : "sqlite",
    databasePath: e.DATABASE_PATH,
    databaseUrl: e.DATABASE_URL ?? null,
    databaseLabel: e.DATABASE_URL ? postgresLabel(e.DATABASE_URL) : e.DATABASE_PATH,
    sessionSecret: e.SESSION_SECRET ?? sessionSecretFromFile(e.DATABASE_PATH),
    sessionSecretSource: e.SESSION_SECRET ? "environment" : "file",
    cookieSecure: e.COOKIE_SECURE ?? e.NODE_ENV === "production",
    seedDemo: e.SEED_DEMO,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    mailDirectory: path.join(path.dirname(path.resolve(e.DATABASE_PATH)), "mail"),
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    publicUrlFollowsPort: e.PUBLIC_URL === undefined,
    trustProxy: e.TRUST_PROXY,
    maxConnectionsPerAddress: e.MAX_CONNECTIONS_PER_ADDRESS,
    digestTime: e.DIGEST_TIME,
    mailPollMs: e.MAIL_POLL_MS,
    leadershipPollMs: e.LEADERSHIP_POLL_MS,
    jobHeartbeatMs: e.JOB_HEARTBEAT_MS,
    retentionYears: e.RETENTION_YEARS,
    webConcurrency: e.WEB_CONCURRENCY ?? Math.min(4, os.availableParallelism()),
  };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Called once the server listens: with PORT=0 the port is known only then, and
 * a PUBLIC_URL left to its default must name the port that answers.
 */
export function adoptListeningPort(port: number): void {
  const env = getEnv();
  if (env.publicUrlFollowsPort) cached = { ...env, publicUrl: `http://localhost:${port}` };
}
