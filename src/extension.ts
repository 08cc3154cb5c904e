import * as vscode from 'vscode';
import { ExplorerProvider } from './views/explorerProvider';

/**
 * Entry point. Activation must stay cheap (target: well under 20 ms), so this only
 * registers things; anything that talks to a server starts when a view or command asks.
 */
export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Airflow', { log: true });
  const explorer = new ExplorerProvider();
  context.subscriptions.push(
    output,
    vscode.window.registerTreeDataProvider('airflow.explorer', explorer),
    vscode.commands.registerCommand('airflow.showOutput', () => output.show(true)),
  );
  output.info('Airflow extension activated');
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
