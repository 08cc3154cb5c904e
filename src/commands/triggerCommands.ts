// Trigger commands: trigger a DAG (asking to unpause it), "Trigger with Config…" in a JSON tab, send that tab, trigger again with a run's conf.
import type * as vscode from 'vscode';
import type { Services } from '../services';
import type { Triggers } from '../trigger/triggers';
import type { Node } from '../views/explorer/nodes';
import { command, type Command } from './command';
import { isNode } from './targets';

type DagNode = Extract<Node, { kind: 'dag' }>;
type RunNode = Extract<Node, { kind: 'run' }>;

export function triggerCommands(s: Services): Command[] {
  // The work is in a chunk of its own (dist/trigger.js, see esbuild.mjs), loaded by the first trigger command.
  let triggers: Triggers | undefined;
  const t = (): Triggers => {
    if (triggers) return triggers;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Triggers } = require('../trigger/triggers') as typeof import('../trigger/triggers');
    triggers = new Triggers(s);
    s.context.subscriptions.push(triggers);
    return triggers;
  };
  return [
    // A DAG id (from a CodeLens) works like a DAG row of the active connection.
    command('airflow.triggerDag', (node?: DagNode | RunNode | string) =>
      isNode(node, 'run')
        ? t().openConf(node)
        : t().trigger(isNode(node, 'dag') || typeof node === 'string' ? node : undefined),
    ),
    command('airflow.triggerDagWithConfig', (node?: DagNode | RunNode | string) =>
      t().openConf(isNode(node, 'dag') || isNode(node, 'run') || typeof node === 'string' ? node : undefined),
    ),
    command('airflow.triggerDagAgain', (node?: RunNode) => t().openConf(isNode(node, 'run') ? node : undefined, true)),
    command('airflow.sendTriggerConf', (uri?: vscode.Uri) => t().send(uri, false)),
    command('airflow.sendTriggerConfWithOptions', (uri?: vscode.Uri) => t().send(uri, true)),
  ];
}
