// Process memory from Linux's /proc, for the benchmark's peak-memory figures.
//
// The browser runs each engine in a fresh browser context, whose page and
// worker live in one renderer process. Its peak is read the kernel's way:
// writing "5" to /proc/<pid>/clear_refs resets the high-water mark (VmHWM) to
// the current resident size, so VmHWM read after the work is the highest
// resident size reached during it, however briefly, with no sampling.

import { readdirSync, readFileSync, writeFileSync } from "node:fs";

function status(pid) {
  try {
    return readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return "";
  }
}

function field(pid, name) {
  const match = status(pid).match(new RegExp(`^${name}:\\s+(\\d+) kB`, "m"));
  return match ? Number(match[1]) * 1024 : null;
}

/** Resident set size in bytes. */
export const rss = (pid) => field(pid, "VmRSS");
/** Peak resident set size in bytes since start or the last resetPeak. */
export const peak = (pid) => field(pid, "VmHWM");

/** Resets VmHWM to the current RSS; false when the kernel refuses. */
export function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

function parentOf(pid) {
  const match = status(pid).match(/^PPid:\s+(\d+)/m);
  return match ? Number(match[1]) : null;
}

function cmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  } catch {
    return [];
  }
}

/** Every live descendant of `root` (not itself). */
export function descendants(root) {
  const parents = new Map();
  for (const entry of readdirSync("/proc")) {
    if (/^\d+$/.test(entry)) parents.set(Number(entry), parentOf(entry));
  }
  const out = [];
  for (const pid of parents.keys()) {
    for (let p = parents.get(pid), hops = 0; p && hops < 16; p = parents.get(p), hops++) {
      if (p === root) {
        out.push(pid);
        break;
      }
    }
  }
  return out;
}

/** Chromium renderer processes started (indirectly) by this Node process. */
export function renderers(root = process.pid) {
  // Chromium rewrites its argv into one space-separated string, so match on the whole line.
  return descendants(root).filter((pid) => / --type=renderer( |$)/.test(cmdline(pid).join(" ")));
}

/** Descendant processes whose executable name contains `name`. */
export function processesNamed(name, root = process.pid) {
  return descendants(root).filter((pid) => (cmdline(pid)[0] ?? "").includes(name));
}
