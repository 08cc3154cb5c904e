// The text a log tab keeps: the end of the log within a size limit.
import assert from 'node:assert/strict';
import { formatSize, LogText } from '../../../src/logs/logText';

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
