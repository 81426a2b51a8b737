/**
 * Atomic output files: a command either leaves the complete new file or the
 * previous one, never a fragment.
 *
 *   1. write the bytes to a temp file in the target's folder (".NAME.swx-PID-RANDOM.tmp",
 *      created exclusively, with the previous file's mode when there is one)
 *   2. fsync the temp file           (its data is on disk before it gets the name)
 *   3. rename(temp, target)          (atomic within one file system: readers see old or new)
 *   4. fsync the folder              (the rename itself survives a crash; best effort)
 *
 * On any failure before the rename (disk full, file-size limit, no permission)
 * the temp file is removed and the target is untouched; a process killed
 * mid-write leaves at most a stray temp file beside an intact target. Errors
 * are `OUTPUT_WRITE_FAILED` naming the file and the errno (exit code 2).
 */
import { closeSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { SwxError } from '../base/errors.js';

/** Mode of a new output file before the umask (what `writeFileSync` uses). */
const DEFAULT_FILE_MODE = 0o666;

/** The errno code of a Node fs error (e.g. `ENOSPC`), else its message. */
function errnoOf(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
}

/** The path the bytes must land at: a symlink's target, so the link survives the rename. */
function targetOf(path: string): { target: string; mode: number } {
  try {
    const target = realpathSync(path);
    return { target, mode: statSync(target).mode & 0o7777 };
  } catch {
    return { target: path, mode: DEFAULT_FILE_MODE };
  }
}

/** Writes `data` to `path` atomically (temp file, fsync, rename); failure → OUTPUT_WRITE_FAILED, the old file intact. */
export function writeFileAtomic(path: string, data: Uint8Array): void {
  const { target, mode } = targetOf(path);
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.swx-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  let created = false;
  try {
    fd = openSync(temp, 'wx', mode);
    created = true;
    for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already failing: the write error is the one to report
      }
    }
    if (created) {
      try {
        unlinkSync(temp);
      } catch {
        // the temp file may be gone already (renamed, or removed by someone else)
      }
    }
    const errno = errnoOf(e);
    throw new SwxError('OUTPUT_WRITE_FAILED', `cannot write ${path}: ${errno}`, { path, errno });
  }
  syncFolder(dir);
}

/** fsyncs a folder so a rename in it is durable; some file systems refuse, which only costs durability. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // not supported here (e.g. some network or Windows file systems)
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
