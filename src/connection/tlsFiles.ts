// Reads a profile's CA, certificate and key files: `~` expanded, regular files only, at most 1 MB.
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { InvalidInputError } from '../airflow';

/** A PEM bundle of every public CA is about 250 KB; a certificate or key is a few KB. */
export const PEM_MAX_BYTES = 1024 * 1024;

/** `~` and `~/…` name the user's home folder, as in a terminal; `~user` is left alone. */
export function expandHome(path: string, home = homedir()): string {
  if (path === '~') return home;
  if (/^~[/\\]/.test(path)) return join(home, path.slice(2));
  return path;
}

/**
 * Reads one PEM file a profile names (`what`: "CA file", "client certificate", "client key").
 * Errors say which setting of which profile to fix.
 */
export async function readPemFile(path: string, what: string, profile: string, home?: string): Promise<string> {
  const file = expandHome(path.trim(), home);
  const fail = (why: string) =>
    new InvalidInputError(
      `Cannot use the ${what} "${path}" of "${profile}": ${why}. Set the profile's ${what} to a PEM file.`,
    );
  let handle: FileHandle;
  try {
    // Without O_NONBLOCK, opening a FIFO waits for a writer, for ever; it changes nothing for a file.
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw fail(openProblem(err as NodeJS.ErrnoException, file));
  }
  try {
    // Checked on the open handle: the path cannot be swapped for something else in between.
    const stats = await handle.stat();
    if (!stats.isFile()) throw fail(`it is ${kindOf(stats)}, not a file`);
    const tooLarge = () =>
      fail(`it is larger than ${PEM_MAX_BYTES / (1024 * 1024)} MB, which no certificate or key is`);
    if (stats.size > PEM_MAX_BYTES) throw tooLarge();
    // Read at most one byte past the cap: the size can change after stat, and some files report 0.
    const buf = Buffer.alloc(PEM_MAX_BYTES + 1);
    let n = 0;
    while (n < buf.length) {
      const { bytesRead } = await handle.read(buf, n, buf.length - n, null);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    if (n > PEM_MAX_BYTES) throw tooLarge();
    return buf.subarray(0, n).toString('utf8');
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function openProblem(err: NodeJS.ErrnoException, file: string): string {
  switch (err.code) {
    case 'ENOENT':
      return isAbsolute(file)
        ? 'it does not exist'
        : `it does not exist (a relative path is read from ${process.cwd()}; use a full path or one starting with ~/)`;
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder, not a file';
    default:
      return `it cannot be opened (${err.code ?? err.message})`;
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}
