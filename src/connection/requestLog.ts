// Request tracing into the "Airflow" output channel: one line per HTTP attempt, written at Trace
// level (shown when the channel's level is Trace), or at Info when `airflow.traceRequests` is on.
// The line has the method, path, query parameter names, status and duration: never a header,
// body, token or query value (src/airflow/trace.ts builds it).
import * as vscode from 'vscode';
import { formatTrace, type RequestTrace } from '../airflow';

export function requestLog(log: vscode.LogOutputChannel): ((trace: RequestTrace) => void) & vscode.Disposable {
  let always = read();
  const subscription = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('airflow.traceRequests')) always = read();
  });
  const sink = (trace: RequestTrace) => {
    // Formatting costs a microsecond; skip it when the line would be dropped anyway.
    if (!always && log.logLevel !== vscode.LogLevel.Trace) return;
    const line = `HTTP ${formatTrace(trace)}`;
    if (always) log.info(line);
    else log.trace(line);
  };
  return Object.assign(sink, { dispose: () => subscription.dispose() });
}

function read(): boolean {
  return vscode.workspace.getConfiguration('airflow').get<boolean>('traceRequests', false);
}
