// The status bar item: the active connection and its health, click to switch.
import * as vscode from 'vscode';
import { COMPONENT_LABELS, type ConnectionState } from '../connection/connectionState';
import type { HealthMonitor } from '../connection/healthMonitor';
import type { Health } from '../airflow';
import { escapeMarkdown as esc } from '../ui/markdown';
import { outsideText } from '../ui/outsideText';

/** One status bar item: active profile, Airflow version and the connection's health. Click: switch profile. */
export function registerStatusBarItem(monitor: HealthMonitor): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('airflow.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Airflow Connection';
  item.command = 'airflow.switchProfile';
  const render = (state: ConnectionState) => {
    const view = present(state);
    item.text = view.text;
    item.tooltip = view.tooltip;
    item.backgroundColor = view.background ? new vscode.ThemeColor(view.background) : undefined;
    item.accessibilityInformation = { label: view.accessibility };
    item.show();
  };
  render(monitor.state);
  return vscode.Disposable.from(item, monitor.onDidChange(render));
}

interface Presentation {
  text: string;
  tooltip: vscode.MarkdownString;
  background?: string;
  accessibility: string;
}

export function present(state: ConnectionState): Presentation {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = {
    enabledCommands: ['airflow.switchProfile', 'airflow.testConnection', 'airflow.addProfile', 'airflow.editProfile'],
  };
  switch (state.kind) {
    case 'noProfile':
      md.appendMarkdown('**Airflow**: no connection yet\n\n[Add Airflow connection](command:airflow.addProfile)');
      return { text: '$(cloud) Airflow', tooltip: md, accessibility: 'Airflow: no connection' };
    case 'connecting':
      md.appendMarkdown(`**${esc(state.profile)}**: connecting…`);
      return {
        text: `$(loading~spin) ${outsideText(state.profile)}`,
        tooltip: md,
        accessibility: `Airflow ${state.profile}: connecting`,
      };
    case 'healthy':
    case 'degraded': {
      const icon = state.kind === 'healthy' ? '$(pass-filled)' : '$(warning)';
      md.appendMarkdown(
        `**${esc(state.profile)}**: ${state.kind === 'healthy' ? 'connected, healthy' : `degraded: ${state.unhealthy.join(', ')} unhealthy`}\n\n`,
      );
      md.appendMarkdown(`| | |\n|---|---|\n| Airflow | ${esc(state.version)} |\n| API | ${state.api} |\n`);
      for (const [key, label] of Object.entries(COMPONENT_LABELS) as [keyof Health, string][]) {
        const c = state.health[key];
        // Airflow 2 reports the DAG processor only when it runs standalone.
        if (!c || (c.status === null && !c.latestHeartbeat)) continue;
        const beat = c.latestHeartbeat ? ` (heartbeat ${ago(new Date(c.latestHeartbeat))})` : '';
        md.appendMarkdown(
          `| ${label} | ${c.status === 'healthy' ? '$(pass) healthy' : c.status === 'unhealthy' ? '$(error) unhealthy' : 'unknown'}${beat} |\n`,
        );
      }
      md.appendMarkdown(
        `| Round trip | ${state.rttMs} ms |\n| Checked | ${state.checkedAt.toLocaleTimeString()} |\n\n`,
      );
      md.appendMarkdown(
        '[Switch connection](command:airflow.switchProfile) · [Test connection](command:airflow.testConnection)',
      );
      return {
        text: `${icon} ${outsideText(state.profile)} · ${outsideText(state.version, 60)}`,
        tooltip: md,
        background: state.kind === 'degraded' ? 'statusBarItem.warningBackground' : undefined,
        accessibility: `Airflow ${state.profile} ${state.version}: ${state.kind === 'healthy' ? 'healthy' : 'degraded'}`,
      };
    }
    case 'authFailed':
    case 'unreachable': {
      const auth = state.kind === 'authFailed';
      md.appendMarkdown(
        `**${esc(state.profile)}**: ${auth ? 'authentication failed' : 'unreachable'}\n\n${esc(state.message)}\n\n`,
      );
      md.appendMarkdown(`Checked ${state.checkedAt.toLocaleTimeString()}\n\n`);
      md.appendMarkdown(auth ? '[Edit connection](command:airflow.editProfile) · ' : '');
      md.appendMarkdown(
        '[Test connection](command:airflow.testConnection) · [Switch connection](command:airflow.switchProfile)',
      );
      return {
        text: `${auth ? '$(lock)' : '$(debug-disconnect)'} ${outsideText(state.profile)}${auth ? ': authentication failed' : ': unreachable'}`,
        tooltip: md,
        background: 'statusBarItem.errorBackground',
        accessibility: `Airflow ${state.profile}: ${auth ? 'authentication failed' : 'unreachable'}`,
      };
    }
  }
}

function ago(d: Date): string {
  const s = Math.round((Date.now() - d.getTime()) / 1000);
  if (Number.isNaN(s)) return 'unknown';
  if (s < 60) return `${Math.max(0, s)} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  return d.toLocaleString();
}
