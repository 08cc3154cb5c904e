// What every tool gets: the connection it is asked for (the active one by default), and how a tool
// is declared. A tool's answer is text for a model; a failure is an answer too, never a stack trace.
import type * as vscode from 'vscode';
import { InvalidInputError, isAirflowError, type AirflowClient } from '../airflow';
import type { ClientFactory } from '../connection/clientFactory';
import type { ProfileStore } from '../profiles/profileStore';
import { oneLine } from './toolText';

export interface AgentToolDeps {
  store: Pick<ProfileStore, 'get' | 'active' | 'list'>;
  clients: Pick<ClientFactory, 'client'>;
  /** False in a workspace that is not trusted: the tools that change Airflow refuse. */
  trusted(): boolean;
}

/** The connection a call uses, named in every answer. */
export interface ToolConnection {
  name: string;
  client: AirflowClient;
}

/** Every tool may name a connection (its name or id); without one, the active connection. */
export interface ConnectionInput {
  connection?: string;
}

/** How a tool runs: cancellation, and (for one that changes Airflow) whether the user confirmed it. */
export interface ToolRun {
  token: vscode.CancellationToken;
  /** The user confirmed what `confirm` showed for this very input; without it, nothing is changed. */
  confirmed: boolean;
}

export interface AgentTool<I extends ConnectionInput = ConnectionInput> {
  name: string;
  /** Changes Airflow: refused in an untrusted workspace, and confirmed by the user first. */
  changes?: true;
  /** The progress line while it runs. */
  progress(input: I): string;
  /**
   * For a tool that changes Airflow: what will change (a dry run where the server has one), asked
   * before `run`, side-effect free. Undefined when nothing would be sent (then `run` says why).
   */
  confirm?(input: I, on: ToolConnection): Promise<{ title: string; message: string } | undefined>;
  run(input: I, on: ToolConnection, deps: AgentToolDeps, how: ToolRun): Promise<string>;
}

/** The client of the connection named in the input (by name or id, any case), or of the active one. */
export async function connectionFor(deps: AgentToolDeps, input: ConnectionInput): Promise<ToolConnection> {
  const asked = input.connection?.trim();
  const all = deps.store.list();
  const entry = asked
    ? (all.find((e) => e.profile.id === asked) ?? all.find((e) => e.profile.name.toLowerCase() === asked.toLowerCase()))
    : deps.store.active();
  if (!entry) {
    const names = all.map((e) => `"${e.profile.name}"`).join(', ');
    throw new InvalidInputError(
      asked
        ? `There is no Airflow connection "${oneLine(asked, 80)}". Connections: ${names || 'none'}.`
        : 'No Airflow connection is set up: the user runs "Airflow: Add Connection…" in VS Code first.',
    );
  }
  return { name: entry.profile.name, client: await deps.clients.client(entry, { interactive: true }) };
}

/** A failure as an answer the agent can act on: what went wrong, in the extension's words. */
export function failureText(err: unknown, connection?: string): string {
  const on = connection ? ` (connection "${connection}")` : '';
  if (isAirflowError(err)) {
    const forbidden = err.kind === 'forbidden' ? " The user's role on this server does not allow it (403)." : '';
    return `Error${on}: ${oneLine(err.message, 800)}${forbidden}`;
  }
  return `Error${on}: ${oneLine(err instanceof Error ? err.message : String(err), 800)}`;
}

/** The first line of every answer: which connection and server answered. */
export function header(on: ToolConnection): string {
  const v = on.client.serverVersion;
  return `Connection "${on.name}"${v ? ` (Airflow ${v.version})` : ''}.`;
}
