// Starts test/support/fakeLogServer.ts in a process of its own, so what the extension host does
// with a big log is measured and stressed apart from the server that produces it.
import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';

export interface FakeLogProcess {
  child: ChildProcess;
  url: string;
  /** Size of the streamed form (v2 ndjson, v1 text) and of the JSON form. */
  bytes: number;
  jsonBytes: number;
  /** Lets a server started with holdEnd send the log's last lines. */
  release(): Promise<void>;
  /** Requests seen since the last reset, by `METHOD /path`. */
  counts(): Promise<Record<string, number>>;
  reset(): Promise<void>;
  stop(): void;
}

/** `dags`/`mapped`: serve that many DAGs, the first with a run of that many mapped task instances (v2). */
export async function startFakeLogServer(
  api: 'v1' | 'v2',
  mb: number,
  opts: { holdEnd?: boolean; dags?: number; mapped?: number } = {},
): Promise<FakeLogProcess> {
  const script = path.join(__dirname, '..', '..', 'support', 'fakeLogServer.js');
  const args = [
    script,
    '--api',
    api,
    '--mb',
    String(mb),
    ...(opts.holdEnd ? ['--hold-end'] : []),
    ...(opts.dags ? ['--dags', String(opts.dags)] : []),
    ...(opts.mapped ? ['--mapped', String(opts.mapped)] : []),
  ];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  const line = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('\n')) resolve(buf.split('\n')[0]);
    });
    child.on('exit', (code) => reject(new Error(`the fake log server exited (${code}) before listening`)));
  });
  const { url, bytes, jsonBytes } = JSON.parse(line) as { url: string; bytes: number; jsonBytes: number };
  return {
    child,
    url,
    bytes,
    jsonBytes,
    release: async () => {
      const res = await fetch(`${url}/__release`, { method: 'POST' });
      if (!res.ok) throw new Error(`releasing the log's end: ${res.status}`);
    },
    counts: async () => (await (await fetch(`${url}/__counts`)).json()) as Record<string, number>,
    reset: async () => void (await fetch(`${url}/__reset`, { method: 'POST' })),
    stop: () => void child.kill('SIGTERM'),
  };
}
