/**
 * Where the bytes of uploaded files live: in the database (attachment_contents), not on the
 * server's disk, so that every server on a shared database serves the same files and a backup of
 * the database holds them (docs/decisions/009). Uploads from before that decision lived in an
 * upload folder beside the database; moveLegacyUploads brings them in at start-up.
 */
import fs from "node:fs";
import path from "node:path";
import { eq, isNull } from "drizzle-orm";
import { databasePath, getDb, one, runTx, type Tx } from "~db/client.server";
import { attachmentContents, documentAttachments } from "~db/schema";

/** The folder of the uploads from before docs/decisions/009: beside the database, outside the web root. */
export function legacyUploadsDir(): string {
  return path.join(path.dirname(path.resolve(databasePath())), "uploads");
}

function legacyFile(storageName: string): string {
  // The name is ours (a random UUID), but never trust it as a path.
  return path.join(legacyUploadsDir(), path.basename(storageName));
}

/** Stores the bytes of an attachment in the caller's transaction, so row and bytes commit together or not at all. */
export async function storeAttachmentContent(tx: Tx, attachmentId: number, bytes: Uint8Array): Promise<void> {
  await tx.insert(attachmentContents).values({ attachmentId, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
}

/** The bytes of an attachment the caller has already found (and checked the access to). */
export async function readAttachmentContent(attachment: { id: number; storageName: string }): Promise<Uint8Array | null> {
  const row = await one(getDb().select({ bytes: attachmentContents.bytes }).from(attachmentContents).where(eq(attachmentContents.attachmentId, attachment.id)).limit(1));
  if (row) return row.bytes;
  // Not moved in yet: an upload from before, if its file is still there.
  const file = legacyFile(attachment.storageName);
  return fs.existsSync(file) ? fs.readFileSync(file) : null;
}

/**
 * Removes the file of an attachment whose row has been deleted (retention), for an upload from
 * before docs/decisions/009; the bytes in the database go with the row (ON DELETE CASCADE).
 */
export function removeLegacyUpload(storageName: string): void {
  fs.rmSync(legacyFile(storageName), { force: true });
}

/**
 * Moves the uploads from before docs/decisions/009 into the database, one transaction per file,
 * deleting each file only once its bytes are committed. Idempotent: run at every start-up; an
 * attachment whose file is missing is left as it is (its download answers 404, as before).
 */
export async function moveLegacyUploads(): Promise<{ moved: number; missing: number }> {
  const db = getDb();
  const pending = await db
    .select({ id: documentAttachments.id, storageName: documentAttachments.storageName })
    .from(documentAttachments)
    .leftJoin(attachmentContents, eq(attachmentContents.attachmentId, documentAttachments.id))
    .where(isNull(attachmentContents.attachmentId));
  let moved = 0;
  let missing = 0;
  for (const attachment of pending) {
    const file = legacyFile(attachment.storageName);
    if (!fs.existsSync(file)) {
      missing += 1;
      continue;
    }
    const bytes = fs.readFileSync(file);
    await runTx(async (tx) => await storeAttachmentContent(tx, attachment.id, bytes));
    fs.rmSync(file, { force: true });
    moved += 1;
  }
  return { moved, missing };
}
