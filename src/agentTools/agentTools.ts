// What activation holds of the language-model tools: their names, registered with VS Code where it
// has the tool API; their code (chunk.ts, dist/agentTools.js) loads when an agent first calls one.
import * as vscode from 'vscode';
import { lmToolApi, type LanguageModelTool, type LmToolApi } from './lmApi';
import { TOOL_NAMES } from './toolNames';
import type { AgentToolDeps, ConnectionInput } from './toolContext';

/** How long a confirmation stands for the call it was shown for. */
const CONFIRMATION_MS = 10 * 60_000;

/** The tools as registered: what VS Code calls (the suites call them too, through the test hooks). */
export type RegisteredTools = ReadonlyMap<string, LanguageModelTool<ConnectionInput>>;

export function registerAgentTools(
  deps: AgentToolDeps,
  api: LmToolApi | undefined = lmToolApi(),
): { disposables: vscode.Disposable[]; tools: RegisteredTools } {
  const tools = new Map<string, LanguageModelTool<ConnectionInput>>();
  if (!api) return { disposables: [], tools };
  let chunk: typeof import('./chunk') | undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = () => (chunk ??= require('./chunk') as typeof import('./chunk'));
  /** Calls the user confirmed, by tool and input: only these may change Airflow. */
  const confirmed = new Map<string, number>();
  const keyOf = (name: string, input: unknown) => `${name}\n${JSON.stringify(input)}`;
  for (const name of TOOL_NAMES)
    tools.set(name, {
      // VS Code shows what this returns and calls `invoke` only once the user accepted it.
      async prepareInvocation({ input }) {
        const prepared = await load().prepareTool(name, input, deps);
        if (prepared.confirmationMessages) confirmed.set(keyOf(name, input), Date.now());
        return prepared;
      },
      async invoke({ input }, token) {
        const key = keyOf(name, input);
        const at = confirmed.get(key);
        confirmed.delete(key);
        const text = await load().invokeTool(name, input, deps, {
          token,
          confirmed: at !== undefined && Date.now() - at < CONFIRMATION_MS,
        });
        return api.result(text);
      },
    });
  return { disposables: [...tools].map(([name, tool]) => api.registerTool(name, tool)), tools };
}

/** The tools' view of the extension: the connections, the DAG files, and workspace trust. */
export function agentToolDeps(s: Omit<AgentToolDeps, 'trusted'>): AgentToolDeps {
  return { ...s, trusted: () => vscode.workspace.isTrusted };
}
