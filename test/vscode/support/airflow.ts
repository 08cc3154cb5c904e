// The real Airflow servers the runner started (scripts/test.mjs), and helpers to reach them.
import * as net from 'net';
import * as vscode from 'vscode';
import type { TestHooks } from '../../../src/extension';

export { airflowTarget as airflow, servedMajors, waitUntil, type AirflowTarget } from '../../support/airflowServers';

export const EXTENSION_ID = 'airflow-vscode.airflow-vscode';

export async function hooks(): Promise<TestHooks> {
  const ext = vscode.extensions.getExtension<TestHooks | undefined>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} not found`);
  const api = await ext.activate();
  if (!api) throw new Error('test hooks missing: the runner must set AIRFLOW_VSCODE_TEST_HOOKS=1');
  return api;
}

/**
 * Awaits a command or other promise that should end by itself soon, failing with what it was
 * waiting for instead of leaving the test to run into mocha's anonymous timeout.
 */
export async function settled<T>(what: string, promise: Thenable<T>, timeoutMs = 30_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve(promise), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A TCP relay in front of a real Airflow, so a test can take the server "off the network"
 * and bring it back without restarting Airflow (which takes a minute).
 */
export class Relay {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: URL) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async open(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(Number(this.target.port), this.target.hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.server = undefined;
  }
}
