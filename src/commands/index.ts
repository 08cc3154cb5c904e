// Every command of the extension, registered in one place through the one wrapper (command.ts).
import type * as vscode from 'vscode';
import type { Services } from '../services';
import { registerCommands } from './command';
import { dagCommands } from './dagCommands';
import { dagFileCommands } from './dagFileCommands';
import { explorerCommands } from './explorerCommands';
import { logCommands } from './logCommands';
import { profileCommands } from './profileCommands';
import { runCommands } from './runCommands';
import { runViewCommands } from './runViewCommands';
import { triggerCommands } from './triggerCommands';

export function registerAllCommands(s: Services): vscode.Disposable[] {
  return registerCommands(s, [
    ...explorerCommands(s),
    ...profileCommands(s),
    ...logCommands(s),
    ...triggerCommands(s),
    ...dagCommands(s),
    ...runCommands(s),
    ...dagFileCommands(s),
    ...runViewCommands(s),
  ]);
}
