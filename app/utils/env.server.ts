import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

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
  SESSION_SECRET: z.string().min(32, "skal være mindst 32 tegn").optional(),
  COOKIE_SECURE: boolish.optional(),
  SEED_DEMO: boolish.default(true),
  RETENTION_YEARS: z.coerce
    .number({ error: "skal være et antal år" })
    .int("skal være et helt antal år")
    .min(1, "skal være mindst 1")
    .max(100, "kan højst være 100")
    .default(5),
});

export interface Env {
  nodeEnv: "production" | "development" | "test";
  port: number;
  host: string;
  databasePath: string;
  sessionSecret: string;
  sessionSecretSource: "environment" | "file";
  cookieSecure: boolean;
  seedDemo: boolean;
  /** Closed absences and their documents are deleted this many years after they closed. */
  retentionYears: number;
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
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(32).toString("hex");
  fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    sessionSecret: e.SESSION_SECRET ?? sessionSecretFromFile(e.DATABASE_PATH),
    sessionSecretSource: e.SESSION_SECRET ? "environment" : "file",
    cookieSecure: e.COOKIE_SECURE ?? e.NODE_ENV === "production",
    seedDemo: e.SEED_DEMO,
    retentionYears: e.RETENTION_YEARS,
  };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
