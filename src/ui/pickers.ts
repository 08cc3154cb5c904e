// The quick picks that ask for a target from the palette: DAG → run → task instance → try.
import * as vscode from 'vscode';
import { taskLabel, type AirflowClient, type TaskInstance } from '../airflow';
import { outsideText } from './outsideText';

interface Item<T> extends vscode.QuickPickItem {
  value: T;
}

/** One quick pick that shows a busy state while its items load. Undefined when dismissed. */
export async function pickOne<T>(
  title: string,
  placeholder: string,
  load: () => Promise<Item<T>[]>,
): Promise<T | undefined> {
  const qp = vscode.window.createQuickPick<Item<T>>();
  qp.title = outsideText(title);
  qp.placeholder = outsideText(placeholder);
  qp.busy = true;
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.ignoreFocusOut = true;
  qp.show();
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      qp.onDidHide(() => resolve(undefined));
      qp.onDidAccept(() => resolve(qp.selectedItems[0]?.value));
      load().then((items) => {
        // Ids, states and dates come from the server: a label or detail renders `$(icon)` syntax.
        qp.items = items.map((i) => ({
          ...i,
          label: outsideText(i.label),
          description: i.description && outsideText(i.description),
          detail: i.detail && outsideText(i.detail, 600),
        }));
        qp.busy = false;
        if (items.length === 0) qp.placeholder = `${outsideText(placeholder)} (nothing found)`;
      }, reject);
    });
  } finally {
    qp.dispose();
  }
}

// The title says which command asks and at which step; other commands (trigger, clear, mark) reuse these pickers.
export function pickDag(client: AirflowClient, title = 'Open Log (1/4): DAG'): Promise<string | undefined> {
  return pickOne(title, 'Which DAG?', async () => {
    const dags = await client.listAllDags();
    return dags.map((d) => ({
      label: d.dagId,
      description: d.displayName !== d.dagId ? d.displayName : undefined,
      detail: d.tags.join(', ') || undefined,
      value: d.dagId,
    }));
  });
}

export function pickRun(
  client: AirflowClient,
  dagId: string,
  title = 'Open Log (2/4): run',
): Promise<string | undefined> {
  return pickOne(title, `Which run of ${dagId}? (newest first)`, async () => {
    const runs = await client.listDagRuns(dagId, {}, { limit: 100 });
    return runs.items.map((r) => ({
      label: r.runId,
      description: r.state,
      detail: [r.runType, r.startDate].filter(Boolean).join(' · ') || undefined,
      value: r.runId,
    }));
  });
}

export function pickTaskInstance(
  client: AirflowClient,
  dagId: string,
  runId: string,
  title = 'Open Log (3/4): task',
): Promise<TaskInstance | undefined> {
  return pickOne(title, `Which task of run ${runId}?`, async () => {
    const tis = await client.listTaskInstances(dagId, runId);
    return tis.map((t) => ({
      label: taskLabel(t),
      description: `${t.state ?? 'no status'} · ${t.tryNumber === 0 ? 'not run yet' : `try ${t.tryNumber}`}`,
      value: t,
    }));
  });
}

export function pickTry(
  client: AirflowClient,
  ti: { dagId: string; runId: string; taskId: string; mapIndex: number },
  latest: number,
): Promise<number | undefined> {
  return pickOne('Open Log (4/4): try', `Which try of ${taskLabel(ti)}?`, async () => {
    let tries: TaskInstance[] = [];
    try {
      tries = await client.listTries(ti);
    } catch {
      // fall back to numbers only
    }
    const byNumber = new Map(tries.map((t) => [t.tryNumber, t]));
    const items: Item<number>[] = [];
    for (let n = Math.max(latest, tries.length ? tries[tries.length - 1].tryNumber : 0); n >= 1; n--) {
      const t = byNumber.get(n);
      items.push({
        label: `Try ${n}`,
        description:
          [t?.state ?? undefined, n === latest ? 'latest' : undefined].filter(Boolean).join(' · ') || undefined,
        detail: t?.startDate ? `started ${t.startDate}` : undefined,
        value: n,
      });
    }
    return items;
  });
}
