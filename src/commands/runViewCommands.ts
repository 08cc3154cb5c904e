// Opens the run view (Grid, Graph, Gantt) of a DAG: from a DAG row, a run row (that run selected), a lens or the palette.
import type { Services } from '../services';
import { command, type Command } from './command';
import { dagTarget, isNode } from './targets';

export function runViewCommands(s: Services): Command[] {
  return [command('airflow.openRunView', (arg?: unknown) => openRunView(s, arg))];
}

async function openRunView(s: Services, arg: unknown): Promise<void> {
  const target = await dagTarget(s, arg, 'Open Run View');
  if (!target) return;
  await s.runViews.show({ dagId: target.dagId, runId: isNode(arg, 'run') ? arg.run.runId : undefined });
}
