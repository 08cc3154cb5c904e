/**
 * Each top-level suite starts with the settings the one before it found: the runner
 * (test/vscode/index.ts) snapshots the user and workspace values of every `airflow.*` setting
 * (connection profiles included) and of the few VS Code settings suites change (theme, proxy)
 * before a suite's own hooks, and puts back after its last hook whatever it left changed.
 */
import * as vscode from 'vscode';

const OTHER_KEYS = [
  'workbench.colorTheme',
  'http.proxy',
  'http.noProxy',
  'http.proxyStrictSSL',
  'http.proxySupport',
  'http.proxyAuthorization',
];

type Scope = 'globalValue' | 'workspaceValue';
const TARGETS: [Scope, vscode.ConfigurationTarget][] = [
  ['globalValue', vscode.ConfigurationTarget.Global],
  ['workspaceValue', vscode.ConfigurationTarget.Workspace],
];

export type SettingsSnapshot = Map<string, Partial<Record<Scope, unknown>>>;

function airflowKeys(): string[] {
  const ext = vscode.extensions.all.find((e) => e.packageJSON?.contributes?.configuration?.title === 'Airflow');
  const props = Object.keys(ext?.packageJSON.contributes.configuration.properties ?? {});
  if (props.length === 0) throw new Error("settings guard: the extension's settings were not found");
  return props;
}

function split(key: string): [string, string] {
  const dot = key.indexOf('.');
  return [key.slice(0, dot), key.slice(dot + 1)];
}

export function takeSettings(): SettingsSnapshot {
  const snap: SettingsSnapshot = new Map();
  for (const key of [...airflowKeys(), ...OTHER_KEYS]) {
    const [section, name] = split(key);
    const seen = vscode.workspace.getConfiguration(section).inspect(name);
    snap.set(key, { globalValue: seen?.globalValue, workspaceValue: seen?.workspaceValue });
  }
  return snap;
}

/** Puts back every value that differs from `snap`; returns the keys it put back. */
export async function restoreSettings(snap: SettingsSnapshot): Promise<string[]> {
  const restored: string[] = [];
  for (const [key, values] of snap) {
    const [section, name] = split(key);
    const config = vscode.workspace.getConfiguration(section);
    const now = config.inspect(name);
    for (const [scope, target] of TARGETS) {
      if (target === vscode.ConfigurationTarget.Workspace && !vscode.workspace.workspaceFolders?.length) continue;
      if (JSON.stringify(now?.[scope]) === JSON.stringify(values[scope])) continue;
      await config.update(name, values[scope], target);
      restored.push(`${key} (${scope === 'globalValue' ? 'user' : 'workspace'})`);
    }
  }
  return restored;
}
