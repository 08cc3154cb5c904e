// Which server file is which workspace file, and where an import error's stack trace points. No `vscode` import.

/** A workspace file as the matcher sees it: its path relative to the DAGs folder (set) or to its workspace folder (guess). */
export interface LocalPath {
  /** `/`-separated, no leading slash. */
  rel: string;
  /** True when `airflow.dagsFolder` says where the server's DAGs folder is: the path must then match from its start. */
  anchored: boolean;
}

const parts = (p: string) =>
  p
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s && s !== '.');

/** True when `longer` ends with all of `shorter`'s segments. */
function endsWith(longer: string[], shorter: string[]): boolean {
  if (shorter.length === 0 || shorter.length > longer.length) return false;
  return shorter.every((s, k) => longer[longer.length - shorter.length + k] === s);
}

/**
 * Does the server's file (`relative_fileloc` or an absolute `fileloc`, or an import error's file
 * name) belong to this workspace file? With a DAGs folder setting: the server's relative path is
 * the local one, or its absolute path ends with it. Without: either path ends with the other
 * (a checkout holding `dags/x.py` and a server at `/opt/airflow/dags/x.py` or `x.py`).
 */
export function sameFile(serverPath: string, local: LocalPath): boolean {
  const server = parts(serverPath);
  const mine = parts(local.rel);
  if (mine.length === 0 || server.length === 0) return false;
  const absolute = serverPath.startsWith('/') || /^[A-Za-z]:[\\/]/.test(serverPath);
  if (local.anchored) return absolute ? endsWith(server, mine) : server.join('/') === mine.join('/');
  return endsWith(server, mine) || (!absolute && endsWith(mine, server));
}

/**
 * `rel` of a file under a workspace folder, given `airflow.dagsFolder` (relative to the folder, or
 * absolute); undefined when a DAGs folder is set and the file lies outside it.
 */
export function localPath(
  fileFsPath: string,
  workspaceFsPath: string,
  dagsFolder: string | undefined,
): LocalPath | undefined {
  const file = parts(fileFsPath);
  const ws = parts(workspaceFsPath);
  if (!startsWith(file, ws)) return undefined;
  const setting = dagsFolder?.trim();
  if (!setting) return { rel: file.slice(ws.length).join('/'), anchored: false };
  const isAbs = setting.startsWith('/') || /^[A-Za-z]:[\\/]/.test(setting);
  const root = isAbs ? parts(setting) : [...ws, ...parts(setting)];
  if (!startsWith(file, root) || file.length === root.length) return undefined;
  return { rel: file.slice(root.length).join('/'), anchored: true };
}

function startsWith(whole: string[], head: string[]): boolean {
  return head.length <= whole.length && head.every((s, k) => whole[k] === s);
}

export interface ImportProblem {
  /** Zero-based line the trace names in that file (0 when it names none). */
  line: number;
  message: string;
}

/**
 * The line of `filename` that a Python stack trace names last (the deepest frame in that file, or
 * a SyntaxError's location), and the exception's own line as the message.
 */
export function importProblem(stackTrace: string, filename: string): ImportProblem {
  const lines = stackTrace.replace(/\r\n/g, '\n').split('\n');
  const want = parts(filename);
  const base = want[want.length - 1];
  let line = 0;
  let fallback: number | undefined;
  for (const l of lines) {
    const m = /File "([^"]+)", line (\d+)/.exec(l);
    if (!m) continue;
    const framePath = parts(m[1]);
    const n = Number(m[2]) - 1;
    if (endsWith(framePath, want) || endsWith(want, framePath)) line = n;
    else if (framePath[framePath.length - 1] === base) fallback = n;
  }
  if (line === 0 && fallback !== undefined) line = fallback;
  const message = lines
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('File "') && !/^\^+$/.test(l) && !l.startsWith('Traceback'))
    .pop();
  return { line: Math.max(0, line), message: message || 'The file does not import on the server.' };
}
