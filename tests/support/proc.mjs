// Processes from /proc, for the cluster test and the benchmark's memory figures. Plain ESM so both can use it.
import fs from "node:fs";

/** The live (not zombie) child processes of a process. */
export function childrenOf(pid) {
  const children = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The fields after the command name (which may hold spaces) start with the state, then the parent pid.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) === pid && fields[0] !== "Z") children.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}
