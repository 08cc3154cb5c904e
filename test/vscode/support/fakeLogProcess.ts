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
  stop(): void;
}

export async function startFakeLogServer(api: 'v1' | 'v2', mb: number, opts: { holdEnd?: boolean } = {}): Promise<FakeLogProcess> {
  const script = path.join(__dirname, '..', '..', 'support', 'fakeLogServer.js');
  const args = [script, '--api', api, '--mb', String(mb), ...(opts.holdEnd ? ['--hold-end'] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
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
    child, url, bytes, jsonBytes,
    release: async () => {
      const res = await fetch(`${url}/__release`, { method: 'POST' });
      if (!res.ok) throw new Error(`releasing the log's end: ${res.status}`);
    },
    stop: () => void child.kill('SIGTERM'),
  };
}
