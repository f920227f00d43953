/**
 * Folders and files beside the database hold personal data (uploads/, mail/) or secrets
 * (session-secret): readable by the server's user only, whatever the umask. mkdirSync's and
 * writeFileSync's mode only apply to what they create, so an older folder is tightened too.
 */
import fs from "node:fs";
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from "~db/client.server";

export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

export function writePrivateFile(file: string, data: string | Uint8Array): void {
  fs.writeFileSync(file, data, { mode: PRIVATE_FILE_MODE });
  fs.chmodSync(file, PRIVATE_FILE_MODE);
}
