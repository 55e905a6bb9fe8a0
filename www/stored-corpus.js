// The reader's own corpus kept in the browser (issue 15, item 3): one snapshot
// (Corpus.save(), opaque bytes here) in the Origin Private File System,
// written and read by the worker that holds the corpus. Used by worker.js, and
// by the page's start-up for one look that reads nothing (mayBeStored).
//
// Atomic: the new snapshot is written to `<key>.next` through a synchronous
// access handle, flushed, and only then moved onto `<key>.snapshot`; a crash
// or a full disk mid-write leaves the previous `<key>.snapshot` as it was. A
// `<key>.next` left behind by a crash between the write and the move is a
// whole snapshot (the move is the last step), so reopening falls back to it
// when `<key>.snapshot` is missing or refused by the core.
//
// Two tabs of one site: every write, read and delete holds the Web Lock
// `corpus-explorer:<key>`, so they never interleave; the last tab to write
// wins, and a BroadcastChannel of the same name tells the other tabs that the
// stored copy is no longer theirs (the page says so).
//
// Debounced: a change schedules a write DEBOUNCE_MS later; a burst of changes
// (a folder added in batches) writes once.

/** Quiet time after the last change before the snapshot is written. */
export const DEBOUNCE_MS = 400;

const SNAPSHOT = (key) => `${key}.snapshot`;
const NEXT = (key) => `${key}.next`;
const LOCK = (key) => `corpus-explorer:${key}`;

/** Whether this browser lets a worker keep files (OPFS with sync access handles, Web Locks). */
export function canStore() {
  return (
    typeof navigator !== "undefined" &&
    typeof navigator.storage?.getDirectory === "function" &&
    typeof navigator.locks?.request === "function" &&
    typeof FileSystemFileHandle !== "undefined" &&
    typeof FileSystemFileHandle.prototype.createSyncAccessHandle === "function"
  );
}

/**
 * Whether the storage can be opened here: the browser has OPFS but refuses it
 * on some origins (file://, a sandboxed frame) with a SecurityError.
 */
export async function storageWorks() {
  if (!canStore()) return false;
  try {
    await navigator.storage.getDirectory();
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a copy of `key` may be stored: false only when this origin's storage
 * holds neither `<key>.snapshot` nor `<key>.next` (or has no storage that
 * could hold one). One look at the folder, no lock, nothing read, nothing
 * created, and it works on the page's thread as well as in a worker: the
 * page's boot (main.js) asks it at once, in parallel with the worker and the
 * wasm, so a visitor with nothing stored — every first visit — does not wait
 * for the worker's locked reopen (reopenStoredCorpus) before the bundled
 * corpus opens. True when unsure: the worker's reopen then decides, as before.
 */
export async function mayBeStored(key) {
  if (typeof navigator === "undefined" || typeof navigator.storage?.getDirectory !== "function") return false;
  let dir;
  try {
    dir = await navigator.storage.getDirectory();
  } catch {
    return false; // refused on this origin (file://, a sandboxed frame): nothing can be stored here either
  }
  // Both names asked at once: each answer is a trip to the browser and back to this thread,
  // which a page still booting holds (tests/bench/RESULTS.md, "Cold start … on the page").
  const found = await Promise.all(
    [SNAPSHOT(key), NEXT(key)].map((name) =>
      dir.getFileHandle(name).then(
        () => true,
        (error) => error?.name !== "NotFoundError",
      ),
    ),
  );
  return found.includes(true);
}

/**
 * A User Timing measure named `corpus-explorer:<name>` from `start` (performance.now()) to
 * now: no cost, no output; tests/bench/reopen-file.mjs --trace lists them.
 */
export function measureSince(name, start) {
  try {
    performance.measure?.(`corpus-explorer:${name}`, { start, end: performance.now() });
  } catch {
    // an older browser without measure options: nothing to record
  }
}

/** Runs `body` holding the lock for `key` (every tab's writes and reads of it take turns). */
function locked(key, body) {
  return navigator.locks.request(LOCK(key), body);
}

/**
 * The bytes of file `name` in `dir`, or null when there is none. As a File's
 * arrayBuffer(): a synchronous access handle's read() into one array was slower
 * in a worker of headless Chromium (65.7 MB: 345–488 ms against 121–328 ms, in
 * turns, 2026-12-07) and locks the file while it is open.
 */
async function readFile(dir, name) {
  let handle;
  try {
    handle = await dir.getFileHandle(name);
  } catch {
    return null;
  }
  return new Uint8Array(await (await handle.getFile()).arrayBuffer());
}

async function removeQuietly(dir, name) {
  try {
    await dir.removeEntry(name);
  } catch {
    // not there: nothing to remove
  }
}

/**
 * Writes `bytes` as the stored snapshot of `key`: to `<key>.next`, then moved
 * onto `<key>.snapshot`. On any failure (a full quota: a DOMException named
 * QuotaExceededError) the half-written `.next` is removed, the stored
 * snapshot stays as it was, and the error is thrown.
 */
export async function writeSnapshot(key, bytes) {
  const dir = await navigator.storage.getDirectory();
  await locked(key, async () => {
    const next = await dir.getFileHandle(NEXT(key), { create: true });
    try {
      const access = await next.createSyncAccessHandle();
      try {
        access.truncate(0);
        for (let at = 0; at < bytes.length; ) {
          const wrote = access.write(bytes.subarray(at), { at });
          if (wrote <= 0) throw new DOMException("the file system took no bytes", "QuotaExceededError");
          at += wrote;
        }
        access.flush();
      } finally {
        access.close();
      }
    } catch (error) {
      await removeQuietly(dir, NEXT(key));
      throw error;
    }
    try {
      // Replaces <key>.snapshot in one step.
      await next.move(dir, SNAPSHOT(key));
    } catch {
      // A browser whose move() will not replace a file: remove, then move. A crash
      // between the two leaves <key>.next, which reopening falls back to.
      await removeQuietly(dir, SNAPSHOT(key));
      await next.move(dir, SNAPSHOT(key));
    }
  });
}

/**
 * The stored snapshot of `key`, opened by `open(bytes)` (Corpus.open), or null
 * when nothing is stored. `<key>.snapshot` first; when it is missing or the
 * core refuses it, `<key>.next` (a write that finished before its move). When
 * both are refused, the core's message is thrown and nothing is deleted.
 *
 * The lock is held while a file is read, not while it is opened: the bytes read
 * are a whole snapshot whatever another tab writes next, and opening 50 MB takes
 * the core over a second, which a tab reloading meanwhile (another reopen, a
 * write) would otherwise wait for.
 * @returns {Promise<{ value: any, bytes: number } | null>}
 */
export async function readSnapshot(key, open) {
  const dir = await navigator.storage.getDirectory();
  let refusal = null;
  for (const name of [SNAPSHOT(key), NEXT(key)]) {
    const asked = performance.now();
    const bytes = await locked(key, async () => {
      measureSince("reopen-lock", asked);
      const reading = performance.now();
      const read = await readFile(dir, name);
      measureSince("reopen-read", reading);
      return read;
    });
    if (!bytes || bytes.length === 0) continue;
    try {
      const opening = performance.now();
      const value = open(bytes);
      measureSince("reopen-open", opening);
      return { value, bytes: bytes.length };
    } catch (error) {
      refusal ??= error;
    }
  }
  if (refusal) throw refusal;
  return null;
}

/** Deletes the stored snapshot of `key` (and a `.next` left behind). */
export async function deleteSnapshot(key) {
  const dir = await navigator.storage.getDirectory();
  await locked(key, async () => {
    await removeQuietly(dir, SNAPSHOT(key));
    await removeQuietly(dir, NEXT(key));
  });
}

/**
 * The worker's keeper of one stored corpus. `save()` gives the snapshot's
 * bytes (Corpus.save()); `tell(event)` posts to the page what happened:
 *   { kind: "stored", documents, bytes, at }     a write finished
 *   { kind: "store-failed", quota, message }     a write failed; the stored copy is the previous one
 *   { kind: "stale", documents, at }             another tab wrote (or forgot) the stored copy
 *   { kind: "forgotten" }                        the stored copy was deleted
 */
export function createKeeper({ key, save, count, tell }) {
  let timer = null;
  let writing = Promise.resolve();
  let enabled = false;
  let dirty = false; // a change not yet written
  const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(LOCK(key)) : null;
  channel?.addEventListener("message", (event) => {
    const { kind, documents = 0, at = 0 } = event.data ?? {};
    if (kind === "stored" || kind === "forgotten") tell({ kind: "stale", other: kind, documents, at });
  });

  async function write() {
    timer = null;
    dirty = false;
    let bytes;
    let documents;
    try {
      bytes = save();
      documents = count();
      await writeSnapshot(key, bytes);
    } catch (error) {
      const quota = error?.name === "QuotaExceededError";
      tell({ kind: "store-failed", quota, message: error instanceof Error ? error.message : String(error) });
      return;
    }
    const at = Date.now();
    tell({ kind: "stored", documents, bytes: bytes.length, at });
    channel?.postMessage({ kind: "stored", documents, at });
  }

  return {
    /** From now on every change is stored (the page turns it on once its corpus is loaded). */
    enable() {
      enabled = true;
    },
    get enabled() {
      return enabled;
    },
    /** The corpus changed: store it DEBOUNCE_MS after the last change. */
    changed() {
      if (!enabled) return;
      dirty = true;
      this.resume();
    },
    /**
     * A change is under way (a batch of files being read and indexed, which
     * awaits between files): no write until it ends, or the corpus would be
     * saved again and again while it grows.
     */
    postpone() {
      clearTimeout(timer);
      timer = null;
    },
    /** The change under way ended (or failed): a change still unwritten is written after the quiet time. */
    resume() {
      if (!enabled || !dirty) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        writing = writing.then(write);
      }, DEBOUNCE_MS);
    },
    /** Writes a pending change now; resolves when every write has finished. */
    async flush() {
      if (dirty && enabled) {
        clearTimeout(timer);
        writing = writing.then(write);
      }
      await writing;
    },
    /** Stops storing, waits for a write in progress, deletes the stored copy. */
    async forget() {
      enabled = false;
      clearTimeout(timer);
      timer = null;
      await writing;
      await deleteSnapshot(key);
      tell({ kind: "forgotten" });
      channel?.postMessage({ kind: "forgotten" });
    },
  };
}
