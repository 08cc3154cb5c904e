// The folding ranges of a log tab: ::group:: sections and Python tracebacks, also scanned in parts.
import assert from 'node:assert/strict';
import { foldingRanges, foldingRangesInParts } from '../../../src/logs/logFolding';

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
