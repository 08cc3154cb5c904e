/**
 * Benchmark (not a test): open a 50 MB task log served by the fake Airflow in a real VS Code.
 * Measures, in the extension host: time until the tab has content, the longest event-loop stall
 * while opening (does the host freeze?), and the host process's peak RSS and heap.
 * Run it with run-in-code-server (see bench/LOGS.md); writes <results>/bench-logs.json.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { BIG } from '../../support/fakeLogServer';
import { hooks } from '../support/airflow';

interface Row {
  api: string;
  payloadMB: number;
  firstContentMs: number;
  maxEventLoopStallMs: number;
  rssBeforeMB: number;
  peakRssMB: number;
  peakHeapMB: number;
  documentMB: number;
  header: string;
}

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

async function startFake(api: 'v1' | 'v2', size: number): Promise<{ child: ChildProcess; url: string; bytes: number }> {
  const script = path.join(__dirname, '..', '..', 'support', 'fakeLogServer.js');
  const child = spawn(process.execPath, [script, '--api', api, '--mb', String(size)], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  const line = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('\n')) resolve(buf.split('\n')[0]);
    });
    child.on('exit', (code) => reject(new Error(`fake log server exited ${code}`)));
  });
  const { url, bytes } = JSON.parse(line) as { url: string; bytes: number };
  return { child, url, bytes };
}

async function measure(api: 'v1' | 'v2', size: number): Promise<Row> {
  const { child, url, bytes } = await startFake(api, size);
  try {
    const h = await hooks();
    const id = `bench-${api}`;
    await h.store.save({ id, name: id, url, auth: 'none' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await new Promise((r) => setTimeout(r, 1000));
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    let peakHeap = process.memoryUsage().heapUsed;
    let maxStall = 0;
    let last = Date.now();
    const sampler = setInterval(() => {
      const now = Date.now();
      maxStall = Math.max(maxStall, now - last - 20);
      last = now;
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 20);
    const t0 = Date.now();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('airflow.openLog', { profileId: id, ...BIG });
    const firstContentMs = Date.now() - t0;
    await new Promise((r) => setTimeout(r, 3000)); // the editor renders, the host settles
    clearInterval(sampler);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri?.toString());
    if (!doc) throw new Error('the log did not open');
    const text = doc.getText();
    const row: Row = {
      api, payloadMB: mb(bytes), firstContentMs, maxEventLoopStallMs: maxStall, rssBeforeMB: mb(rssBefore), peakRssMB: mb(peakRss), peakHeapMB: mb(peakHeap),
      documentMB: mb(text.length), header: text.split('\n').slice(0, 3).join(' | '),
    };
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await h.store.remove(id);
    return row;
  } finally {
    child.kill('SIGTERM');
  }
}

export async function run(): Promise<void> {
  const size = Number(process.env.BENCH_LOG_MB ?? 50);
  const rows: Row[] = [];
  for (const api of ['v2', 'v1'] as const) {
    rows.push(await measure(api, size));
    console.log(JSON.stringify(rows[rows.length - 1]));
  }
  const out = { date: new Date().toISOString(), vscode: vscode.version, node: process.version, rows };
  const dir = process.env.VSC_TEST_RESULTS_DIR;
  if (dir) fs.writeFileSync(path.join(dir, 'bench-logs.json'), JSON.stringify(out, null, 2));
}
