// Every tool that needs only the server (no workspace): the chunk adds the file tool to them, and
// the unit tests reach them all without VS Code.
import { changeTools } from './changeTools';
import { dagDetailsTool, healthTool, importErrorsTool, listDagsTool } from './dagTools';
import { recentFailuresTool } from './failureTools';
import { taskLogTool } from './logTool';
import { listRunsTool, runTasksTool, waitForRunTool } from './runTools';
import type { AgentTool } from './toolContext';

export const SERVER_TOOLS: ReadonlyArray<AgentTool<never>> = [
  healthTool,
  listDagsTool,
  dagDetailsTool,
  listRunsTool,
  recentFailuresTool,
  runTasksTool,
  taskLogTool,
  importErrorsTool,
  waitForRunTool,
  ...changeTools,
] as ReadonlyArray<AgentTool<never>>;
