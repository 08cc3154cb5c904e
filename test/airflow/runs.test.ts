import assert from 'node:assert/strict';
import { ConflictError, NotFoundError, UnsupportedError, type AirflowClient, type DagRun } from '../../src/airflow';
import { clientLogSource } from '../../src/logs/clientLogSource';
import { LogSession } from '../../src/logs/logSession';
import { connectTo, onlyTarget, uniqueRunId, waitForRun, waitUntil } from '../support/airflowServers';

const target = onlyTarget();
import { listsTaskTries } from '../support/versions';

describe(`Airflow ${target.version}: runs, task instances and logs`, function () {
  this.timeout(600_000);
  let client: AirflowClient;
  const runs: Record<'marker' | 'mapped' | 'retry' | 'long', string> = {
    marker: uniqueRunId('marker'),
    mapped: uniqueRunId('mapped'),
    retry: uniqueRunId('retry'),
    long: uniqueRunId('long'),
  };
  let markerRun: DagRun;

  before(async () => {
    client = await connectTo(target);
    // Four writes at the same instant, as several users (or windows) would send them: the
    // server's database must take them all.
    [markerRun] = await Promise.all([
      client.trigger('vsc_marker', { runId: runs.marker, conf: { source: 'contract test' }, note: 'from the tests' }),
      client.trigger('vsc_long', { runId: runs.long }),
      client.trigger('vsc_mapped', { runId: runs.mapped }),
      client.trigger('vsc_retry_fail', { runId: runs.retry }),
    ]);
  });

  it('triggers a run with conf, note and a run id holding + and :', async () => {
    assert.equal(markerRun.runId, runs.marker);
    assert.equal(markerRun.dagId, 'vsc_marker');
    assert.deepEqual(markerRun.conf, { source: 'contract test' });
    assert.equal(markerRun.note, 'from the tests');
    const listed = await client.listDagRuns('vsc_marker', {}, { limit: 100 });
    assert.ok(listed.items.some((r) => r.runId === runs.marker));
  });

  it('refuses a duplicate run id (conflict) and an unknown DAG (not found)', async () => {
    const dup = await client.trigger('vsc_marker', { runId: runs.marker }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(dup instanceof ConflictError, `expected a conflict (409), got ${String(dup)}`);
    assert.equal(dup.kind, 'conflict');
    const missing = await client.trigger('vsc_no_such_dag').then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(missing instanceof NotFoundError, String(missing));
  });

  it("follows a running task's log as a log tab does (continuation tokens) until it ends: every line once", async () => {
    const ref = {
      profileId: 'contract',
      dagId: 'vsc_long',
      runId: runs.long,
      taskId: 'tick',
      mapIndex: -1,
      tryNumber: 1,
    };
    await waitUntil(
      'vsc_long to start',
      async () => {
        const [ti] = await client.listTaskInstances(ref.dagId, ref.runId);
        return ti?.state === 'running' ? ti : undefined;
      },
      300_000,
    );
    // The tab's own reader: the client as the source, the session deciding what is new (some
    // servers, Airflow 3.1.8, answer a token with the whole log again).
    let changesWithTicks = 0;
    let ticksSeen = 0;
    const session = new LogSession(clientLogSource(client, ref), {
      label: 'tick try 1',
      taskLabel: 'tick',
      tryNumber: 1,
      maxChars: 4_000_000,
      intervalMs: 3000,
      sizeSetting: 'airflow.logMaxSizeMB',
      fullLogHint: 'Save Full Log',
      onChange: () => {
        const now = session.text.kept().filter((l) => l.includes('VSC_TICK n=')).length;
        if (now > ticksSeen) changesWithTicks++;
        ticksSeen = now;
      },
    });
    try {
      await session.loaded;
      assert.equal(session.state, 'following', `opened while the task runs (${session.render().split('\n')[0]})`);
      ticksSeen = session.text.kept().filter((l) => l.includes('VSC_TICK n=')).length;
      await waitUntil(
        'the log session to see the task end',
        async () => (session.state === 'following' ? undefined : session.state),
        180_000,
      );
    } finally {
      session.dispose();
    }
    assert.equal(session.state, 'complete', session.render().split('\n').slice(0, 3).join('\n'));
    assert.ok(changesWithTicks >= 2, `new lines arrived in several polls (got ${changesWithTicks})`);
    const ticks = session.text
      .kept()
      .filter((l) => /VSC_TICK n=\d+/.test(l))
      .map((l) => Number(/n=(\d+)/.exec(l)![1]));
    assert.deepEqual(ticks, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'every tick once, in order, no line read twice');
  });

  it('runs the marker DAG to success and its log holds the marker', async () => {
    const run = await waitForRun(client, 'vsc_marker', runs.marker);
    assert.equal(run.state, 'success');
    const tis = await client.listTaskInstances('vsc_marker', runs.marker);
    assert.deepEqual(
      tis.map((t) => [t.taskId, t.state, t.tryNumber]),
      [['say_marker', 'success', 1]],
    );
    const log = await client.readFullLog({ dagId: 'vsc_marker', runId: runs.marker, taskId: 'say_marker' }, 1);
    const markers = log.lines.filter((l) => l.includes(`VSC_MARKER run_id=${runs.marker} try=1`));
    assert.equal(markers.length, 1, `the whole log, each line once:\n${log.lines.join('\n')}`);
    assert.equal(log.endOfLog, true);
  });

  it("streams an ended try's log (v2 ndjson, v1 text/plain) with the same lines as its JSON form", async () => {
    await waitForRun(client, 'vsc_marker', runs.marker);
    const ref = { dagId: 'vsc_marker', runId: runs.marker, taskId: 'say_marker' };
    const whole = await client.readFullLog(ref, 1);
    const streamed: string[] = [];
    let batches = 0;
    const end = await client.streamLog(ref, 1, { token: null, ended: true }, (lines) => {
      batches++;
      streamed.push(...lines);
    });
    assert.ok(batches >= 1);
    assert.deepEqual(end, { continuationToken: null, endOfLog: true, lines: streamed.length });
    // Timestamps of v2's source-details group are made when the log is read: compare the task's own lines.
    const own = (lines: string[]) =>
      lines.filter(
        (l) => l.includes('VSC_MARKER') || /Task instance is in running state|Done\. Returned value/.test(l),
      );
    assert.ok(
      own(streamed).some((l) => l.includes(`VSC_MARKER run_id=${runs.marker} try=1`)),
      streamed.join('\n'),
    );
    assert.deepEqual(own(streamed), own(whole.lines));
    assert.equal(
      streamed.length,
      whole.lines.length,
      `same number of lines\n--- streamed\n${streamed.join('\n')}\n--- JSON\n${whole.lines.join('\n')}`,
    );
  });

  it("lists a mapped task's expansions and reads one expansion's log", async () => {
    const run = await waitForRun(client, 'vsc_mapped', runs.mapped);
    assert.equal(run.state, 'success');
    const tis = await client.listTaskInstances('vsc_mapped', runs.mapped);
    const process = tis.filter((t) => t.taskId === 'process').sort((a, b) => a.mapIndex - b.mapIndex);
    assert.deepEqual(
      process.map((t) => t.mapIndex),
      [0, 1, 2, 3],
    );
    assert.deepEqual(
      process.map((t) => t.renderedMapIndex),
      ['item-a', 'item-b', 'item-c', 'item-d'],
    );
    assert.ok(tis.some((t) => t.taskId === 'summarize' && t.mapIndex === -1));
    const log = await client.readFullLog(
      { dagId: 'vsc_mapped', runId: runs.mapped, taskId: 'process', mapIndex: 2 },
      1,
    );
    assert.ok(
      log.lines.some((l) => l.includes('VSC_MAPPED item=c')),
      log.lines.join('\n'),
    );
    assert.ok(!log.lines.some((l) => l.includes('VSC_MAPPED item=a')));
  });

  it("shows a retried task's tries, each with its own log", async () => {
    const run = await waitForRun(client, 'vsc_retry_fail', runs.retry);
    assert.equal(run.state, 'failed');
    const ref = { dagId: 'vsc_retry_fail', runId: runs.retry, taskId: 'flaky' };
    assert.strictEqual(
      client.features.taskTries,
      listsTaskTries(target.version),
      `the client knows whether Airflow ${target.version} lists tries`,
    );
    if (listsTaskTries(target.version)) {
      const tries = await client.listTries(ref);
      assert.deepEqual(
        tries.map((t) => t.tryNumber),
        [1, 2],
      );
      assert.equal(tries[1].state, 'failed');
    } else {
      // Airflow 2.9 has no tries endpoint: the client says so, naming the version.
      const err = await client.listTries(ref).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err instanceof UnsupportedError, String(err));
      assert.match(
        err.message,
        new RegExp(`^Airflow ${target.version.replace(/\./g, '\\.')} cannot list the tries of a task`),
      );
    }
    const first = await client.readFullLog(ref, 1);
    const second = await client.readFullLog(ref, 2);
    assert.ok(first.lines.some((l) => l.includes('VSC_ATTEMPT try=1')));
    assert.ok(second.lines.some((l) => l.includes('VSC_ATTEMPT try=2')));
    assert.ok(!second.lines.some((l) => l.includes('VSC_ATTEMPT try=1')));
  });

  it('previews and clears only the failed tasks of a run', async () => {
    const preview = await client.clearDagRun('vsc_retry_fail', runs.retry, { onlyFailed: true, dryRun: true });
    assert.deepEqual(
      preview.map((r) => r.taskId),
      ['flaky'],
    );
    const [ti] = await client.listTaskInstances('vsc_retry_fail', runs.retry);
    assert.equal(ti.state, 'failed', 'a dry run changes nothing');
  });

  it('clears a task and sees it run again with a new try', async () => {
    const ref = { dagId: 'vsc_marker', runId: runs.marker, taskId: 'say_marker' };
    const preview = await client.clearTaskInstances('vsc_marker', {
      runId: runs.marker,
      tasks: ['say_marker'],
      dryRun: true,
    });
    assert.deepEqual(
      preview.map((r) => r.taskId),
      ['say_marker'],
    );
    assert.equal(
      (await client.listTaskInstances('vsc_marker', runs.marker))[0].state,
      'success',
      'dry run changed nothing',
    );
    await client.clearTaskInstances('vsc_marker', { runId: runs.marker, tasks: ['say_marker'], onlyFailed: false });
    const again = await waitUntil(
      'the cleared task to run again',
      async () => {
        const [ti] = await client.listTaskInstances('vsc_marker', runs.marker);
        return ti.tryNumber >= 2 && ti.state === 'success' ? ti : undefined;
      },
      300_000,
    );
    assert.equal(again.tryNumber, 2);
    const log = await client.readFullLog(ref, 2);
    assert.ok(log.lines.some((l) => l.includes(`VSC_MARKER run_id=${runs.marker} try=2`)));
  });

  it('marks a task instance failed (after a preview) and the run success', async () => {
    const ref = { dagId: 'vsc_marker', runId: runs.marker, taskId: 'say_marker' };
    const preview = await client.setTaskInstanceState(ref, 'failed', { dryRun: true });
    assert.deepEqual(
      preview.map((r) => r.taskId),
      ['say_marker'],
    );
    assert.equal((await client.listTaskInstances(ref.dagId, ref.runId))[0].state, 'success', 'preview changed nothing');
    await client.setTaskInstanceState(ref, 'failed');
    assert.equal((await client.listTaskInstances(ref.dagId, ref.runId))[0].state, 'failed');
    const run = await client.setDagRunState(ref.dagId, ref.runId, 'failed');
    assert.equal(run.state, 'failed');
    assert.equal((await client.setDagRunState(ref.dagId, ref.runId, 'success')).state, 'success');
  });

  it('marks one expansion of a mapped task', async () => {
    const ref = { dagId: 'vsc_mapped', runId: runs.mapped, taskId: 'process', mapIndex: 1 };
    await client.setTaskInstanceState(ref, 'skipped');
    const tis = await client.listTaskInstances(ref.dagId, ref.runId);
    const states = tis
      .filter((t) => t.taskId === 'process')
      .sort((a, b) => a.mapIndex - b.mapIndex)
      .map((t) => t.state);
    assert.deepEqual(states, ['success', 'skipped', 'success', 'success']);
  });

  it('lists runs newest first with a state filter, and the newest runs of several DAGs in one request', async () => {
    const failed = await client.listDagRuns('vsc_retry_fail', { states: ['failed'] }, { limit: 100 });
    assert.ok(failed.items.length > 0 && failed.items.every((r) => r.state === 'failed'));
    assert.ok(failed.items.some((r) => r.runId === runs.retry));
    const all = await client.listDagRuns('vsc_marker', {}, { limit: 100 });
    const starts = all.items.map((r) => r.queuedAt ?? r.startDate ?? r.logicalDate ?? '');
    assert.deepEqual([...starts].sort().reverse(), starts, 'newest first');
    const batch = await client.listRunsOfDags(['vsc_marker', 'vsc_retry_fail'], { limit: 100 });
    const ids = new Set(batch.items.map((r) => r.runId));
    assert.ok(ids.has(runs.marker) && ids.has(runs.retry), "both DAGs' runs in one answer");
    assert.ok(batch.items.every((r) => r.dagId === 'vsc_marker' || r.dagId === 'vsc_retry_fail'));
  });

  it('clears a whole run, which runs again', async () => {
    const before = (await client.listTaskInstances('vsc_marker', runs.marker))[0].tryNumber;
    await client.clearDagRun('vsc_marker', runs.marker);
    const again = await waitUntil(
      'the cleared run to run again',
      async () => {
        const [ti] = await client.listTaskInstances('vsc_marker', runs.marker);
        return ti.tryNumber > before && ti.state === 'success' ? ti : undefined;
      },
      300_000,
    );
    assert.equal(again.tryNumber, before + 1);
    assert.equal((await waitForRun(client, 'vsc_marker', runs.marker)).state, 'success');
  });

  it('deletes a run', async () => {
    await client.deleteDagRun('vsc_retry_fail', runs.retry);
    const err = await client.getDagRun('vsc_retry_fail', runs.retry).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof NotFoundError, String(err));
  });

  it('rejects a conf that is not a JSON object before sending anything', async () => {
    assert.throws(
      () => client.trigger('vsc_marker', { conf: [1, 2] as unknown as Record<string, unknown> }),
      /JSON object/,
    );
  });
});
