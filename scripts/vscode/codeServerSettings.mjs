// The user settings and flags every code-server we start shares (the test runner's and npm start's):
// a quiet, predictable workbench that never phones home or updates itself.

/** User settings.json entries; `trust` keeps VS Code's workspace trust on (a suite tests it). */
export function quietSettings({ trust = false } = {}) {
  return {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'security.workspace.trust.enabled': trust,
    // VS Code 1.104 and later: no chat panel or agent beside the suites (they cost CPU on a
    // 2-core machine and cover part of the window in screenshots). Older versions ignore these.
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  };
}

/** code-server's own flags to the same end. */
export function quietFlags({ trust = false } = {}) {
  return [
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(trust ? [] : ['--disable-workspace-trust']),
  ];
}
