// Copies Det Fælles Designsystem's built assets into public/dkfds (served locally, never from a CDN).
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const from = path.join(root, "node_modules/dkfds/dist");
const to = path.join(root, "public/dkfds");

fs.rmSync(to, { recursive: true, force: true });
for (const dir of ["css", "js", "fonts", "img"]) {
  fs.cpSync(path.join(from, dir), path.join(to, dir), { recursive: true });
}
console.log(`DKFDS assets copied to ${path.relative(root, to)}`);
