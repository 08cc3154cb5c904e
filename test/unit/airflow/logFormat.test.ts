import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { parsePythonLogRepr, renderStructured, toLines, v1TokenEndOfLog } from '../../../src/airflow/logFormat';

describe('v1 log content (Python repr of [(host, text)])', () => {
  it('unescapes the text of each tuple', () => {
    const repr = "[('worker-1', '*** Found local files:\\n[2026-11-23] INFO - it\\'s \\\"quoted\\\" \\\\ done\\n')]";
    assert.equal(parsePythonLogRepr(repr), '*** Found local files:\n[2026-11-23] INFO - it\'s "quoted" \\ done\n');
  });

  it('handles double-quoted strings, \\x and \\u escapes and several hosts', () => {
    const repr = `[('a', "it's here \\x41 \\u00e9"), ('b', 'second')]`;
    assert.equal(parsePythonLogRepr(repr), "it's here A é\nsecond");
  });

  it('returns anything else unchanged', () => {
    assert.equal(parsePythonLogRepr('plain text log'), 'plain text log');
    assert.equal(parsePythonLogRepr("[('broken"), "[('broken");
  });
});

describe('v2 structured log messages', () => {
  it('renders timestamp, level, logger, event and extra keys', () => {
    const lines = renderStructured({
      timestamp: '2026-11-23T10:00:00.123Z',
      level: 'info',
      logger: 'airflow.task',
      event: 'Done',
      rows: 12,
    });
    assert.deepEqual(lines, ['2026-11-23T10:00:00.123Z INFO airflow.task: Done rows=12']);
  });

  it('keeps group markers as their own lines and strings as they are', () => {
    assert.deepEqual(renderStructured({ event: '::group::Log message source details', sources: ['/a.log'] }), [
      '::group::Log message source details',
    ]);
    assert.deepEqual(renderStructured({ event: '::endgroup::' }), ['::endgroup::']);
    assert.deepEqual(renderStructured('line one\nline two'), ['line one', 'line two']);
  });

  it('renders an exception detail like a traceback', () => {
    const lines = renderStructured({
      event: 'Task failed with exception',
      level: 'error',
      error_detail: [
        { exc_type: 'ValueError', exc_value: 'boom', frames: [{ filename: '/dags/x.py', lineno: 7, name: 'flaky' }] },
      ],
    });
    assert.equal(lines[0], 'ERROR Task failed with exception');
    assert.ok(lines.includes('  File "/dags/x.py", line 7, in flaky'));
    assert.ok(lines.includes('ValueError: boom'));
  });
});

describe('toLines', () => {
  it('splits CRLF and LF and drops only the final empty line', () => {
    assert.deepEqual(toLines('a\r\nb\n\nc\n'), ['a', 'b', '', 'c']);
    assert.deepEqual(toLines(''), []);
  });
});

describe('v1 continuation token', () => {
  const b64 = (s: Buffer) => s.toString('base64url');
  it('reads end_of_log from a plain token', () => {
    assert.equal(v1TokenEndOfLog(`${b64(Buffer.from('{"end_of_log":true,"log_pos":10}'))}.sig`), true);
    assert.equal(v1TokenEndOfLog(`${b64(Buffer.from('{"end_of_log":false}'))}.sig`), false);
  });
  it('reads a compressed token (leading dot)', () => {
    assert.equal(v1TokenEndOfLog(`.${b64(deflateSync(Buffer.from('{"end_of_log":false,"log_pos":3}')))}.sig`), false);
  });
  it('says "unknown" for garbage', () => {
    assert.equal(v1TokenEndOfLog('not-a-token'), undefined);
  });
});
