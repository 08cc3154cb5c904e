import assert from 'node:assert/strict';
import { stripAnsi } from '../../src/logs/ansi';
import { explainLog, missingTryReason } from '../../src/logs/logHints';
import { foldingRanges, foldingRangesInParts } from '../../src/logs/logFolding';
import { formatSize, LogText } from '../../src/logs/logText';
import { decodeLogUri, encodeLogUri, logTitle, shortRunId, type LogRef } from '../../src/logs/logUri';

const ref: LogRef = {
  profileId: 'prod-1',
  dagId: 'team/etl daily%',
  runId: 'manual__2026-11-23T10:00:00+00:00',
  taskId: 'transform',
  mapIndex: 2,
  tryNumber: 3,
};

describe('log URIs', () => {
  it('round-trips DAG ids with / spaces and %, run ids with + and :', () => {
    const parts = encodeLogUri(ref);
    assert.deepEqual(decodeLogUri(parts), ref);
    // Through the encoding a URI applies to its query and back.
    assert.deepEqual(decodeLogUri({ query: decodeURIComponent(encodeURIComponent(parts.query)) }), ref);
  });

  it('keeps ids that look like encodings as they are', () => {
    const odd = { ...ref, dagId: 'a%2Fb+c', runId: 'r=1&x=2#3?', taskId: 'grp.task', mapIndex: -1, tryNumber: 0 };
    assert.deepEqual(decodeLogUri(encodeLogUri(odd)), odd);
  });

  it('titles the tab like "transform [2] try 3 · scheduled__2026-11-23T00:00.log"', () => {
    assert.equal(
      logTitle({ ...ref, runId: 'scheduled__2026-11-23T00:00:00+00:00' }),
      'transform [2] try 3 · scheduled__2026-11-23T00:00.log',
    );
    assert.equal(logTitle({ ...ref, mapIndex: -1, tryNumber: 1, runId: 'my run' }), 'transform try 1 · my run.log');
    assert.equal(shortRunId('manual__2026-11-23T10:00:05.123456+00:00'), 'manual__2026-11-23T10:00');
  });

  it('puts no slash of an id into the path (no fake folders), only the DAG folder and the title', () => {
    const { path } = encodeLogUri({ ...ref, runId: 'a/b' });
    assert.equal(path.split('/').length, 3, path);
    assert.ok(path.endsWith('.log'));
  });

  it('refuses incomplete or malformed queries', () => {
    assert.equal(decodeLogUri({ query: 'dag=x&run=y&task=z&try=1' }), undefined);
    assert.equal(decodeLogUri({ query: encodeLogUri(ref).query.replace('try=3', 'try=x') }), undefined);
  });
});

describe('ANSI codes', () => {
  it('removes colours, cursor moves and OSC links, leaves the text', () => {
    assert.equal(stripAnsi('\u001b[1;31mERROR\u001b[0m - boom'), 'ERROR - boom');
    assert.equal(stripAnsi('\u001b[2K\u001b[1Gprogress 50%'), 'progress 50%');
    assert.equal(stripAnsi('\u001b]8;;http://x\u0007link\u001b]8;;\u0007 done'), 'link done');
    assert.equal(stripAnsi('plain [x] 100%'), 'plain [x] 100%');
  });
});

describe('log folding ranges', () => {
  it('folds ::group:: sections, nested and unclosed ones', () => {
    const lines = [
      'head',
      '::group::Log message source details',
      'sources=a',
      '::endgroup::',
      'x',
      '[ts] INFO - ::group::outer',
      'a',
      '::group::inner',
      'b',
      '::endgroup::',
      'c',
    ];
    assert.deepEqual(
      foldingRanges(lines).map((r) => [r.start, r.end, r.kind]),
      [
        [1, 3, 'group'],
        [5, 10, 'group'],
        [7, 9, 'group'],
      ],
    );
  });

  it('folds a Python traceback from its header to the exception line', () => {
    const lines = [
      '[ts] ERROR - Task failed',
      'Traceback (most recent call last):',
      '  File "a.py", line 1, in f',
      '    raise ValueError()',
      'ValueError: boom',
      'after',
    ];
    assert.deepEqual(foldingRanges(lines), [{ start: 1, end: 4, kind: 'traceback' }]);
  });

  it('folds the same in parts, pausing between them, with groups and tracebacks across the cuts, and stops when cancelled', async () => {
    const lines = [
      'a',
      '::group::one',
      'b',
      'Traceback (most recent call last):',
      '  File "a.py", line 1, in f',
      'ValueError: boom',
      '::group::two',
      'c',
      '::endgroup::',
      'd',
      '::endgroup::',
      '::group::open',
      'e',
    ];
    let pauses = 0;
    const parts = await foldingRangesInParts(
      lines,
      async () => void pauses++,
      () => false,
      2,
    );
    assert.deepEqual(parts, foldingRanges(lines));
    assert.equal(parts?.length, 4);
    assert.ok(pauses >= 5, `paused ${pauses} times`);
    assert.equal(
      await foldingRangesInParts(
        lines,
        async () => undefined,
        () => true,
        2,
      ),
      undefined,
    );
  });
});

describe('log text with a size limit', () => {
  it('keeps the end of the log and counts what it left out', () => {
    const t = new LogText(20);
    t.append(['0123456789', 'abcdefghij', 'KLMNOPQRST']);
    assert.deepEqual(t.kept(), ['KLMNOPQRST']);
    assert.deepEqual(t.dropped, { lines: 2, chars: 22 });
    assert.equal(t.totalLines, 3);
  });

  it('strips ANSI codes as lines arrive and compacts after many drops', () => {
    const t = new LogText(100);
    for (let i = 0; i < 10_000; i++) t.append([`\u001b[32mline ${i}\u001b[0m`]);
    assert.equal(t.kept().at(-1), 'line 9999');
    assert.ok(t.charCount <= 100);
    assert.equal(t.dropped.lines + t.lineCount, 10_000);
  });

  it('formats sizes', () => {
    assert.equal(formatSize(50 * 1024 * 1024), '50.0 MB');
    assert.equal(formatSize(2048), '2 KB');
  });
});

describe('explanations for missing logs', () => {
  it('explains a worker that cannot serve the log and misconfigured remote logging', () => {
    assert.match(explainLog(['*** Could not read served logs: [Errno 111] Connection refused'])[0], /worker/);
    assert.match(explainLog(['*** Unable to read remote log from s3://bucket/x'])[0], /remote_logging/);
    assert.deepEqual(explainLog(['[2026] INFO - all good']), []);
  });

  it('says when a task never ran or a try is out of range', () => {
    assert.match(
      missingTryReason('t try 0', 0, { tryNumber: 0, state: 'scheduled' })!,
      /has not run \(state: scheduled\)/,
    );
    assert.match(missingTryReason('t try 5', 5, { tryNumber: 2, state: 'failed' })!, /has run 2 times/);
    assert.match(missingTryReason('t try 1', 1, undefined)!, /no task instance/);
    assert.equal(missingTryReason('t try 2', 2, { tryNumber: 2, state: 'running' }), undefined);
  });
});
