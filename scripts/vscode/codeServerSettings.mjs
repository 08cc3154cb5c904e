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
