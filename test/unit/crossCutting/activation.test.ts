// The extension's activation events: Airflow-looking workspaces and its view, never every Python file.
import assert from 'node:assert/strict';

describe('activation stays lazy', () => {
  it('activates on Airflow-looking workspaces and the view, never on every Python file or at start-up', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as {
      activationEvents: string[];
    };
    assert.ok(
      !pkg.activationEvents.some((e) => e === '*' || e === 'onStartupFinished' || e.startsWith('onLanguage:')),
      JSON.stringify(pkg.activationEvents),
    );
    assert.ok(pkg.activationEvents.includes('workspaceContains:**/dags/*.py'));
  });
});
