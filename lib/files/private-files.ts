/**
 * Owner-only files for the portal's local state (docs/decisions/0025): `.data/` holds the SQLite database
 * and its write-ahead log, the generated secrets and the outbox mails with sign-in and reset links.
 * Folders are 700 and files 600 whether they are created now or were left more open by an older
 * version; a folder the operator chose elsewhere (DATABASE_URL, MAIL_OUTBOX_DIR) keeps its mode
 * unless we create it (docs/decisions/0025).
 */
import { chmodSync, closeSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";

/** Our own runtime folder: tightened even when it already exists. */
const DATA_DIR_NAME = ".data";

/** Creates `dir` (and missing parents) owner-only; tightens it when it is, or is inside, `.data`. */
export function ensurePrivateDir(dir: string): void {
  const firstCreated = mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode passes through the umask; chmod makes it exact for what we created.
  const ours = firstCreated ? [dir, ...ancestorsUpTo(dir, firstCreated)] : [];
  const segments = path.resolve(dir).split(path.sep);
  const dataAt = segments.lastIndexOf(DATA_DIR_NAME);
  if (dataAt >= 0)
    for (let i = dataAt; i < segments.length; i++)
      ours.push(segments.slice(0, i + 1).join(path.sep) || path.sep);
  for (const folder of new Set(ours)) chmodSync(folder, 0o700);
}

function ancestorsUpTo(dir: string, top: string): string[] {
  const found: string[] = [];
  for (let current = path.dirname(dir); current.length >= top.length; current = path.dirname(current)) {
    found.push(current);
    if (current === top || current === path.dirname(current)) break;
  }
  return found;
}

/** Sets 600 on each file that exists (another process may not have created it yet). */
export function makePrivate(...files: string[]): void {
  for (const file of files) {
    try {
      chmodSync(file, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
}

/** Creates `file` empty and owner-only if it is missing, and makes it owner-only either way. */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, "a", 0o600));
  makePrivate(file);
}
