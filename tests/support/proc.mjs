// Processes and their connections from /proc, for the cluster test and the benchmark's memory figures. Plain ESM so both can use it.
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

/** The established TCP connections a process holds on a local port (from /proc/net/tcp* and the process's descriptors). */
export function connectionsHeldBy(pid, port) {
  const established = new Set();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, "utf8").trim().split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      const localPort = parseInt(fields[1].split(":")[1], 16);
      if (localPort === port && fields[3] === "01") established.add(fields[9]);
    }
  }
  let held = 0;
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      if (inode && established.has(inode)) held++;
    } catch {
      // The descriptor closed while we looked.
    }
  }
  return held;
}
