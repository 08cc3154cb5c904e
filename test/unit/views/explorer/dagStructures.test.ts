// The DAG structures cache: one tasks request per DAG version, read again once for unknown tasks.
import assert from 'node:assert/strict';
import type { Task } from '../../../../src/airflow';
import { DagStructures } from '../../../../src/views/explorer/dagStructures';
import { task } from './tasks';

describe('DAG structures cache', () => {
  it('reads a DAG version once for all its runs, again after clear()', async () => {
    const cache = new DagStructures();
    let calls = 0;
    const fetch = async () => {
      calls++;
      return [task('a', ['b']), task('b')];
    };
    const [one, two] = await Promise.all([cache.get('p/d@1', fetch), cache.get('p/d@1', fetch)]);
    assert.equal(one, two);
    await cache.get('p/d@1', fetch);
    assert.equal(calls, 1, 'two expansions at once and one later: one request');
    await cache.get('p/d@2', fetch);
    assert.equal(calls, 2, 'another DAG version is read');
    cache.clear();
    await cache.get('p/d@1', fetch);
    assert.equal(calls, 3);
    assert.equal(cache.fetches, 3);
  });

  it('reads again once for tasks it does not know (a changed DAG without versions), not for each run', async () => {
    const cache = new DagStructures();
    let tasks = [task('a')];
    let calls = 0;
    const fetch = async () => {
      calls++;
      return tasks;
    };
    await cache.get('p/d@', fetch);
    tasks = [task('a', ['new']), task('new')];
    const fresh = await cache.recheck('p/d@', fetch, ['a', 'new', 'removed']);
    assert.ok(fresh?.rank.has('new'));
    assert.equal(calls, 2);
    await cache.recheck('p/d@', fetch, ['a', 'new', 'removed']);
    assert.equal(calls, 2, '"removed" stays unknown and is not asked about again');
  });

  it('keeps a failed read as "no structure" instead of asking on every refresh', async () => {
    const cache = new DagStructures();
    let calls = 0;
    const fetch = async (): Promise<Task[]> => {
      calls++;
      throw new Error('403');
    };
    assert.equal(await cache.get('k', fetch), undefined);
    assert.equal(await cache.get('k', fetch), undefined);
    assert.equal(await cache.recheck('k', fetch, ['x']), undefined);
    assert.equal(calls, 1);
  });
});
