// Issue 12: the explorer's generation guard drops a load overtaken by a reload.
import assert from 'node:assert/strict';
import { Generation, StaleLoadError } from '../../../../src/views/explorer/generation';

describe('explorer generation guard', () => {
  it('a result that arrives after a reload is dropped, also an error', async () => {
    const g = new Generation();
    const ticket = g.ticket();
    let resolve!: (v: string) => void;
    const slow = g.check(ticket, new Promise<string>((r) => (resolve = r)));
    g.bump();
    resolve('old profile DAGs');
    await assert.rejects(slow, StaleLoadError);
    const failing = g.check(ticket, Promise.reject(new Error('boom')));
    await assert.rejects(failing, StaleLoadError);
    assert.equal(await g.check(g.ticket(), Promise.resolve('new')), 'new');
    await assert.rejects(g.check(g.ticket(), Promise.reject(new Error('boom'))), /boom/);
    await assert.rejects(g.check(ticket, Promise.resolve('late')), StaleLoadError);
  });
});
