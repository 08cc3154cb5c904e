// "Trigger" and "Trigger with Config…": the work behind the trigger commands (triggerCommands.ts registers them).
// A chunk of its own with jsonc-parser (dist/trigger.js, see esbuild.mjs): activation needs none of it.
import * as vscode from 'vscode';
import { InvalidInputError, type AirflowClient, type Dag, type DagRun, type TriggerOptions } from '../airflow';
import { clientFor, type ClientSources } from '../connection/clientFor';
import { pickDag, pickRun } from '../ui/pickers';
import { askText, confirm, runSteps } from '../ui/quickInput';
import type { ExplorerProvider } from '../views/explorer/explorerProvider';
import type { Node } from '../views/explorer/nodes';
import { revealRun } from '../views/explorer/revealRun';
import { RunFollower } from '../views/explorer/runFollower';
import { checkLogicalDate, checkRunId, paramsOf } from './confDocument';
import { ConfEditors } from './confEditor';
import { explainTriggerError } from './triggerErrors';
import { outsideText } from '../ui/outsideText';
import { profileOfNodeId } from '../views/explorer/nodeIds';

type DagNode = Extract<Node, { kind: 'dag' }>;
type RunNode = Extract<Node, { kind: 'run' }>;

/** The profile a tree node belongs to: node ids start with it (`<profile>/dag/…`). */
const profileOf = (node: Node) => profileOfNodeId(node.id);

/** What triggering needs of the extension: clients, the tree to reveal a new run in, the output channel. */
export interface TriggerDeps extends ClientSources {
  explorer: ExplorerProvider;
  log: vscode.LogOutputChannel;
}

export class Triggers implements vscode.Disposable {
  readonly editors = new ConfEditors();
  private readonly follower: RunFollower;
  /** `<profile>\0<dag>` of each trigger under way: a second one for the same DAG is ignored. */
  private readonly inFlight = new Set<string>();

  constructor(private readonly s: TriggerDeps) {
    const seconds = () =>
      Math.max(1, vscode.workspace.getConfiguration('airflow').get<number>('autoRefreshSeconds', 5));
    this.follower = new RunFollower(s.explorer.live, { intervalMs: () => seconds() * 1000 });
  }

  dispose(): void {
    this.follower.dispose();
    this.editors.dispose();
  }

  /** "Trigger": an empty conf, from a DAG row or a DAG picked in the palette. Resolves to the new run. */
  async trigger(node: DagNode | string | undefined): Promise<DagRun | undefined> {
    if (typeof node === 'string') {
      const { profileId } = await clientFor(this.s);
      return this.once(profileId, node, (client) => this.triggerNow(profileId, client, node, {}));
    }
    if (node)
      return this.once(profileOf(node), node.dag.dagId, (client) =>
        this.triggerNow(profileOf(node), client, node.dag.dagId, {}),
      );
    const { profileId, client } = await clientFor(this.s);
    const dagId = await pickDag(client, 'Trigger DAG: DAG');
    if (!dagId) return undefined;
    return this.once(profileId, dagId, () => this.triggerNow(profileId, client, dagId, {}));
  }

  /** "Trigger with Config…" / "Trigger Again with This Conf…": opens the conf tab. Resolves to its URI. */
  async openConf(node: DagNode | RunNode | string | undefined, askRun = false): Promise<vscode.Uri | undefined> {
    const { profileId, client } = await clientFor(
      this.s,
      node && typeof node !== 'string' ? profileOf(node) : undefined,
    );
    let dagId = typeof node === 'string' ? node : node?.kind === 'dag' ? node.dag.dagId : node?.run.dagId;
    let run = typeof node !== 'string' && node?.kind === 'run' ? node.run : undefined;
    const title = askRun ? 'Trigger Again with This Conf' : 'Trigger with Config';
    if (!dagId) dagId = await pickDag(client, `${title} (1/${askRun ? 2 : 1}): DAG`);
    if (!dagId) return undefined;
    if (askRun && !run) {
      const runId = await pickRun(client, dagId, `${title} (2/2): run`);
      if (!runId) return undefined;
      run = await client.getDagRun(dagId, runId);
    }
    const details = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Reading the params of ${outsideText(dagId)}` },
      () => client.dagDetails(dagId),
    );
    const profile = this.s.store.get(profileId)?.profile;
    return this.editors.open(
      { profileId, dagId, fromRunId: run?.runId },
      {
        dagId,
        connection: profile ? `connection "${profile.name}" (${profile.url})` : `connection "${profileId}"`,
        params: paramsOf(details.params),
        fromRun: run && { runId: run.runId, conf: run.conf },
      },
    );
  }

  /** The conf tab's "Trigger" (and "…with Run Id, Logical Date or Note"): nothing is sent unless its text is a JSON object. */
  async send(uri: vscode.Uri | undefined, withOptions: boolean): Promise<DagRun | undefined> {
    const doc = uri
      ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())
      : vscode.window.activeTextEditor?.document;
    const target = doc && this.editors.target(doc.uri);
    if (!doc || !target)
      throw new InvalidInputError('Open "Trigger with Config…" on a DAG first: "Trigger" sends the conf of that tab.');
    const parsed = this.editors.check(doc);
    if ('errors' in parsed) {
      const [first] = parsed.errors;
      const line = doc.positionAt(first.offset).line + 1;
      throw new InvalidInputError(
        `The conf on line ${line} is not valid: ${first.message} Nothing was sent; fix the marked place and trigger again.`,
      );
    }
    let options: Omit<TriggerOptions, 'conf'> = {};
    if (withOptions) {
      const asked = await askOptions(target.dagId);
      if (!asked) return undefined;
      options = asked;
    }
    const run = await this.once(target.profileId, target.dagId, (client) =>
      this.triggerNow(target.profileId, client, target.dagId, { ...options, conf: parsed.conf }),
    );
    if (run) await this.editors.closeSent(doc);
    return run;
  }

  /** Runs one trigger of a DAG at a time: a second call while the first is under way is ignored. */
  private async once(
    profileId: string,
    dagId: string,
    work: (client: AirflowClient) => Promise<DagRun | undefined>,
  ): Promise<DagRun | undefined> {
    const key = `${profileId}\0${dagId}`;
    if (this.inFlight.has(key)) {
      this.s.log.info(`Trigger of ${dagId} ignored: one is already under way.`);
      vscode.window.setStatusBarMessage(`$(sync~spin) Airflow: ${outsideText(dagId)} is already being triggered`, 4000);
      return undefined;
    }
    this.inFlight.add(key);
    try {
      const { client } = await clientFor(this.s, profileId);
      return await work(client);
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** Asks to unpause a paused DAG, triggers, then tells, follows and reveals the new run. */
  private async triggerNow(
    profileId: string,
    client: AirflowClient,
    dagId: string,
    options: TriggerOptions,
  ): Promise<DagRun | undefined> {
    const progress =
      (title: string) =>
      <T>(work: () => Promise<T>) =>
        vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: outsideText(title) }, work);
    const details = await progress(`Reading ${dagId}`)(() => client.dagDetails(dagId));
    let unpaused: Dag | undefined;
    if (details.isPaused) {
      const yes = await confirm(
        `${dagId} is paused. Unpause and trigger?`,
        'Unpause and Trigger',
        'Unpausing also lets the scheduler start its scheduled runs. A run of a paused DAG would stay queued.',
      );
      if (!yes) return undefined;
      unpaused = await progress(`Unpausing ${dagId}`)(() => client.setPaused(dagId, false));
    }
    let run: DagRun;
    try {
      run = await progress(`Triggering ${dagId}`)(() => client.trigger(dagId, options));
    } catch (err) {
      if (err instanceof Error) this.s.log.warn(`Trigger of ${dagId} refused: ${err.message}`);
      // A 404 reloads the tree in the command wrapper, as for every command.
      throw explainTriggerError(err, dagId, options.runId);
    }
    this.s.log.info(`Triggered ${dagId}: run ${run.runId} (${run.state})`);
    void vscode.window.showInformationMessage(`Triggered ${outsideText(dagId)}: run ${outsideText(run.runId)}`);
    this.follower.follow(profileId, run, () => client.getDagRun(dagId, run.runId));
    if (this.s.store.active()?.profile.id === profileId)
      await revealRun(this.s.explorer, profileId, run, unpaused).catch((err) =>
        this.s.log.warn(`Could not reveal run ${run.runId}: ${String(err)}`),
      );
    return run;
  }
}

/** Run id, logical date and note, each optional, in three steps (Back works). */
async function askOptions(dagId: string): Promise<Omit<TriggerOptions, 'conf'> | undefined> {
  const title = `Trigger ${dagId} with Run Id, Logical Date or Note`;
  const o = { runId: '', logicalDate: '', note: '' };
  const ok = await runSteps([
    async () => {
      const v = await askText({
        title,
        step: 1,
        totalSteps: 3,
        prompt: 'Run id (empty: Airflow chooses one, e.g. manual__<date>)',
        value: o.runId,
        placeholder: 'my_run_id',
        validate: checkRunId,
      });
      if (v === undefined) return false;
      o.runId = v.trim();
      return true;
    },
    async () => {
      const v = await askText({
        title,
        step: 2,
        totalSteps: 3,
        prompt: 'Logical date with a time zone (empty: none on Airflow 3, now on Airflow 2)',
        value: o.logicalDate,
        placeholder: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        validate: checkLogicalDate,
      });
      if (v === undefined) return false;
      o.logicalDate = v.trim();
      return true;
    },
    async () => {
      const v = await askText({
        title,
        step: 3,
        totalSteps: 3,
        prompt: 'Note shown on the run (empty: none)',
        value: o.note,
        placeholder: 'Why this run',
      });
      if (v === undefined) return false;
      o.note = v.trim();
      return true;
    },
  ]);
  if (!ok) return undefined;
  return { runId: o.runId || undefined, logicalDate: o.logicalDate || undefined, note: o.note || undefined };
}
