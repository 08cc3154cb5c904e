// The language-model tools' chunk (dist/agentTools.js), loaded when an agent first calls a tool:
// finds the tool, its connection, asks for confirmation where it changes Airflow, and turns any
// failure into an answer.
import { dagFileTool } from './dagFileTool';
import type { PreparedInvocation } from './lmApi';
import { failureAnswer } from './similarDags';
import { SERVER_TOOLS } from './serverTools';
import { connectionFor, type AgentTool, type AgentToolDeps, type ToolConnection, type ToolRun } from './toolContext';

const TOOLS = new Map<string, AgentTool<never>>(
  [...SERVER_TOOLS, dagFileTool].map((t) => [t.name, t as AgentTool<never>]),
);

const UNTRUSTED =
  'Refused: this workspace is not trusted, so the Airflow tools that change anything are off. The read tools work; the user can trust the workspace to allow changes.';

function toolNamed(name: string): AgentTool<object> {
  const tool = TOOLS.get(name);
  if (!tool) throw new Error(`no Airflow tool ${name}`);
  return tool as AgentTool<object>;
}

/** The progress line, and for a tool that changes Airflow the confirmation of exactly what will change. */
export async function prepareTool(name: string, input: object, deps: AgentToolDeps): Promise<PreparedInvocation> {
  const tool = toolNamed(name);
  const invocationMessage = tool.progress(input);
  if (!tool.confirm || !deps.trusted()) return { invocationMessage };
  try {
    const on = await connectionFor(deps, input);
    const confirmationMessages = await tool.confirm(input, on);
    return confirmationMessages ? { invocationMessage, confirmationMessages } : { invocationMessage };
  } catch {
    // Nothing is confirmed, so nothing changes: the call itself reports the failure.
    return { invocationMessage };
  }
}

/** The tool's answer, or what went wrong in words an agent can act on. */
export async function invokeTool(name: string, input: object, deps: AgentToolDeps, how: ToolRun): Promise<string> {
  const tool = toolNamed(name);
  if (tool.changes && !deps.trusted()) return UNTRUSTED;
  let on: ToolConnection | undefined;
  try {
    on = await connectionFor(deps, input);
    return await tool.run(input, on, deps, how);
  } catch (err) {
    return failureAnswer(err, on, input);
  }
}
