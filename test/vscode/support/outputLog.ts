// What the extension's output channel ("Airflow") wrote so far, read from its log file the way a
// user finds it: request trace lines (`airflow.traceRequests`) included.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { hooks } from './airflow';

/** The text of the Airflow output channel's log file(s) under the window's log folder. */
export async function outputChannelLog(): Promise<string> {
  const h = await hooks();
  const logDir = path.dirname(h.context.logUri.fsPath);
  const files = fs
    .readdirSync(logDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.log'))
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
  const ours = files.filter((f) => fs.readFileSync(f, 'utf8').includes('Airflow extension activated'));
  assert.ok(ours.length > 0, `the output channel's log file under ${logDir}`);
  return ours.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

/** The request lines of the trace so far (`HTTP GET …`, `HTTP POST …`). */
export async function tracedRequests(): Promise<string[]> {
  return (await outputChannelLog()).split('\n').filter((l) => / HTTP (GET|POST) /.test(l));
}
