import { sql } from "drizzle-orm";
import { auditLog } from "~db/schema";
import type { Tx } from "~db/client.server";

export interface AuditEntry {
  userId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  details?: Record<string, unknown>;
}

function buildInsert(tx: Tx) {
  return tx
    .insert(auditLog)
    .values({
      userId: sql.placeholder("userId"),
      action: sql.placeholder("action"),
      entityType: sql.placeholder("entityType"),
      entityId: sql.placeholder("entityId"),
      details: sql.placeholder("details"),
    })
    .prepare();
}

// Every read of a document writes a row (a PDF download, a page view), so the insert is built and
// compiled once per handle instead of once per row: drizzle's build and SQLite's compile of it
// cost more than running it. On SQLite every transaction runs on the one write handle, so it is
// built once; on PostgreSQL each transaction is a handle of its own and builds it for itself.
const insertsByHandle = new WeakMap<Tx, ReturnType<typeof buildInsert>>();

/** Written inside the caller's transaction, so the log and the change land together or not at all. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  let insert = insertsByHandle.get(tx);
  if (!insert) {
    insert = buildInsert(tx);
    insertsByHandle.set(tx, insert);
  }
  await insert.execute({
    userId: entry.userId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    details: entry.details ? JSON.stringify(entry.details) : null,
  });
}
