// Issue 12: a token command that fails is reported by the first line of its stderr, the token masked.
import assert from 'node:assert/strict';
import { runTokenCommand } from '../../../src/airflow/tokenCommand';

describe('a failing token command', () => {
  it('shows only the first line of its stderr, with the token masked', async () => {
    const token = 'ya29.c0AfH6SMBx7yQ2kLmN0pQrStUvWxYz1234567890';
    const script = `console.error('refresh failed for Bearer ${token}, token=${token}'); console.error('second line ${token}'); process.exit(3)`;
    const err = await runTokenCommand(process.execPath, ['-e', script], 10_000).then(
      () => undefined,
      (e: Error) => e,
    );
    assert.ok(err);
    assert.match(err.message, /failed \(exit 3\): refresh failed for Bearer \*\*\*/);
    assert.ok(!err.message.includes(token.slice(5, 25)), err.message);
    assert.ok(!err.message.includes('second line'), err.message);
  });
});
