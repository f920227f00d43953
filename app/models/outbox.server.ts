import { and, asc, desc, eq, isNotNull, isNull, lte, or, gt } from "drizzle-orm";
import { getDb, one, runTx, type Tx } from "~db/client.server";
import { outbox, type OutboxMessage } from "~db/schema";
import { REDACTED_TOKEN, redactLinks } from "~db/secrets";
import type { MailSender } from "~/utils/mail.server";
import { recordAudit } from "./audit.server";
import { NotFoundError, ValidationError } from "~/utils/errors.server";

/** After this many failed attempts a message waits for an administrator instead of the worker. */
export const MAX_MAIL_ATTEMPTS = 8;

/** While one worker sends a message, others leave it alone for this long. */
const CLAIM_MS = 5 * 60_000;

/** 1, 2, 4 … 64 minutes between attempts: eight attempts span about two hours of outage. */
export function retryDelayMs(failedAttempts: number): number {
  return 60_000 * 2 ** Math.min(Math.max(failedAttempts - 1, 0), 6);
}

export type MailKind = OutboxMessage["kind"];

export interface NewMail {
  kind: MailKind;
  to: string;
  subject: string;
  body: string;
  userId?: number | null;
  /** Whose administrator sees the message if it cannot be delivered. */
  scope: { companyId: number } | { municipalityCode: number };
}

/** Queues a message in the caller's transaction: it exists exactly when the change that caused it does. */
export async function enqueueMail(tx: Tx, mail: NewMail, now = new Date()): Promise<void> {
  await tx.insert(outbox)
    .values({
      kind: mail.kind,
      toAddress: mail.to,
      subject: mail.subject,
      body: mail.body,
      userId: mail.userId ?? null,
      companyId: "companyId" in mail.scope ? mail.scope.companyId : null,
      municipalityCode: "municipalityCode" in mail.scope ? mail.scope.municipalityCode : null,
      nextAttemptAt: now.toISOString(),
    });
}

/**
 * Sends the messages that are due, oldest first. A message is claimed before
 * it is sent, so two workers never send the same one at once; a failure
 * schedules the next attempt with exponential backoff, and the last allowed
 * failure parks the message for an administrator.
 * A reset or invitation link is a working secret: once its message is sent or given up, the
 * stored body keeps the link without its token (the links table keeps only the token's hash),
 * so the outbox holds nothing that opens an account.
 */
export async function deliverPendingMail(input: { send: MailSender; now?: Date; limit?: number }): Promise<{ sent: number; failed: number }> {
  const now = input.now ?? new Date();
  const nowIso = now.toISOString();
  const db = getDb();
  const due = await db
    .select()
    .from(outbox)
    .where(and(isNull(outbox.sentAt), isNull(outbox.failedAt), lte(outbox.nextAttemptAt, nowIso)))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(input.limit ?? 50);
  let sent = 0;
  let failed = 0;
  for (const message of due) {
    const claimed = await runTx(async (tx) =>
      tx
        .update(outbox)
        .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_MS).toISOString() })
        .where(and(eq(outbox.id, message.id), eq(outbox.nextAttemptAt, message.nextAttemptAt), isNull(outbox.sentAt)))
        .returning({ id: outbox.id }),
    );
    if (claimed.length !== 1) continue;
    try {
      await input.send({ id: message.id, to: message.toAddress, subject: message.subject, text: message.body });
      await runTx(async (tx) => {
        await tx
          .update(outbox)
          .set({ sentAt: new Date().toISOString(), attempts: message.attempts + 1, lastError: null, body: redactLinks(message.body) })
          .where(eq(outbox.id, message.id));
      });
      sent++;
    } catch (error) {
      const attempts = message.attempts + 1;
      const reason = error instanceof Error ? error.message : String(error);
      const givenUp = attempts >= MAX_MAIL_ATTEMPTS;
      await runTx(async (tx) => {
        await tx
          .update(outbox)
          .set({
            attempts,
            body: givenUp ? redactLinks(message.body) : message.body,
            lastError: reason.slice(0, 500),
            nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
            failedAt: givenUp ? nowIso : null,
          })
          .where(eq(outbox.id, message.id));
      });
      failed++;
    }
  }
  return { sent, failed };
}

export type MailScope = { companyId: number } | { municipalityCode: number };

function scopeWhere(scope: MailScope) {
  return "companyId" in scope ? eq(outbox.companyId, scope.companyId) : eq(outbox.municipalityCode, scope.municipalityCode);
}

/** Messages of the administrator's organisation that failed at least once and are not delivered: given up or still retrying. */
export async function listUndeliveredMail(input: { scope: MailScope }) {
  return await getDb()
    .select({
      id: outbox.id,
      kind: outbox.kind,
      toAddress: outbox.toAddress,
      subject: outbox.subject,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      nextAttemptAt: outbox.nextAttemptAt,
      failedAt: outbox.failedAt,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(and(scopeWhere(input.scope), isNull(outbox.sentAt), gt(outbox.attempts, 0)))
    .orderBy(desc(outbox.id))
    .limit(200);
}

/** An administrator sends a message that failed again now, with a fresh set of attempts. */
export async function requeueMail(input: { userId: number; scope: MailScope; messageId: number; now?: Date }): Promise<void> {
  const now = (input.now ?? new Date()).toISOString();
  await runTx(async (tx) => {
    const message = await one(tx
      .select()
      .from(outbox)
      .where(and(eq(outbox.id, input.messageId), scopeWhere(input.scope), isNull(outbox.sentAt), or(isNotNull(outbox.failedAt), gt(outbox.attempts, 0)))).limit(1));
    if (!message) throw new NotFoundError("Mailen findes ikke, eller den er allerede sendt.");
    // A given-up link message lost its token: sending it again would send a link that opens nothing.
    if (message.body.includes(REDACTED_TOKEN)) {
      throw new ValidationError({
        form: [
          message.kind === "invitation"
            ? `Linket i invitationen er fjernet, da mailen blev opgivet. Send en ny invitation til ${message.toAddress}.`
            : "Linket til at nulstille adgangskoden er fjernet, da mailen blev opgivet. Brugeren kan bede om et nyt link under »Glemt adgangskode?«.",
        ],
      });
    }
    await tx.update(outbox).set({ failedAt: null, attempts: 0, nextAttemptAt: now }).where(eq(outbox.id, message.id));
    await recordAudit(tx, { userId: input.userId, action: "mail.requeue", entityType: "outbox", entityId: message.id });
  });
}
