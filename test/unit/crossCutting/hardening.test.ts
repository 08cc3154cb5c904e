// Issue 23, the Low findings: web addresses only over http(s), lines without an end, the log tab's
// size bound, nothing secret in URL messages, and a Save Full Log name that stays in its folder.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { InvalidInputError, isWebAddress, parseBaseUrl, requireWebAddress } from '../../../src/airflow';
import { LINE_CUT_MARKER, LineSplitter, MAX_LINE_CHARS } from '../../../src/airflow/lineSplitter';
import { resolveProxy } from '../../../src/airflow/proxy';
import { logTabMb, MAX_LOG_TAB_MB } from '../../../src/logs/logText';
import { saveFileName } from '../../../src/logs/logUri';
import { readProfiles } from '../../../src/profiles/profile';
import { profileUrlProblem } from '../../../src/profiles/urlChecks';

const root = resolve(__dirname, '../../../..');

describe('issue 23: addresses opened outside VS Code are http(s) only', () => {
  it('refuses file:, command:, vscode: and javascript: addresses with a clear message', () => {
    for (const url of [
      'file://fileserver/share/airflow',
      'command:workbench.action.quit',
      'vscode://x.y/z',
      'javascript:alert(1)',
      'not a url',
    ]) {
      assert.equal(isWebAddress(url), false, url);
      assert.throws(
        () => requireWebAddress(url),
        (err: Error) =>
          err instanceof InvalidInputError &&
          /not an http:\/\/ or https:\/\/ address; nothing was opened/.test(err.message),
      );
    }
    assert.equal(requireWebAddress('https://airflow.example.com/dags/x'), 'https://airflow.example.com/dags/x');
    assert.equal(isWebAddress('http://localhost:8080'), true);
  });

  it('a profile whose webUrl is another scheme is refused, saying why', () => {
    const { entries, problems } = readProfiles(
      [{ name: 'share', url: 'https://airflow.example.com', webUrl: 'file://fileserver/share' }],
      'user',
    );
    assert.deepEqual(entries, []);
    assert.match(problems.join('\n'), /"webUrl" must be an http:\/\/ or https:\/\/ address/);
    assert.equal(
      readProfiles([{ name: 'ok', url: 'https://a.example', webUrl: 'https://ui.example' }], 'user').entries.length,
      1,
    );
  });
});

describe('issue 23: lines without an end', () => {
  it('a 16 MB line in 64 KB pieces is joined once and cut at 1 MB with a marker, quickly', () => {
    const split = new LineSplitter();
    const piece = 'x'.repeat(64 * 1024);
    const started = performance.now();
    const out: string[] = [];
    out.push(...split.push('first\n'));
    for (let i = 0; i < 256; i++) out.push(...split.push(piece));
    out.push(...split.push('\nnext line\r\n'));
    out.push(...split.end());
    const ms = performance.now() - started;
    assert.equal(out.length, 3);
    assert.equal(out[0], 'first');
    assert.equal(out[1].length, MAX_LINE_CHARS + LINE_CUT_MARKER.length);
    assert.ok(out[1].endsWith(LINE_CUT_MARKER));
    assert.equal(out[2], 'next line');
    assert.ok(ms < 500, `took ${Math.round(ms)} ms`);
  });

  it('keeps \\r\\n split across pieces and an unfinished last line', () => {
    const split = new LineSplitter(10);
    assert.deepEqual(split.push('ab\r'), []);
    assert.deepEqual(split.push('\ncd'), ['ab']);
    assert.deepEqual(split.push('efghijklmnop\nq'), [`cdefghijkl${LINE_CUT_MARKER}`]);
    assert.deepEqual(split.end(), ['q']);
    assert.deepEqual(split.end(), []);
  });
});

describe("issue 23: the log tab's size has a maximum", () => {
  it('in package.json and in the code, so a workspace setting cannot raise it', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
      contributes: {
        configuration:
          | { properties: Record<string, { maximum?: number }> }
          | Array<{ properties: Record<string, { maximum?: number }> }>;
      };
    };
    const sections = Array.isArray(pkg.contributes.configuration)
      ? pkg.contributes.configuration
      : [pkg.contributes.configuration];
    const setting = sections.map((s) => s.properties['airflow.logMaxSizeMB']).find(Boolean);
    assert.equal(setting?.maximum, MAX_LOG_TAB_MB);
    assert.equal(logTabMb(100_000, 8), MAX_LOG_TAB_MB);
    assert.equal(logTabMb(Infinity, 8), 8);
    assert.equal(logTabMb('512', 8), 8);
    assert.equal(logTabMb(0, 8), 1);
    assert.equal(logTabMb(16, 8), 16);
  });
});

describe('issue 23: nothing secret in URL messages', () => {
  it('an invalid profile URL is reported without its query string and user info', () => {
    for (const [url, secret] of [
      ['airflow.example.com/?token=s3cr3t-q', 's3cr3t-q'],
      ['ad min:pa55-w0rd@airflow example.com', 'pa55-w0rd'],
      ['airflow.example.com/#access_token=fr4g', 'fr4g'],
    ]) {
      const message = (() => {
        try {
          parseBaseUrl(url);
          return '';
        } catch (err) {
          return (err as Error).message;
        }
      })();
      assert.match(message, /is not a valid URL/, url);
      assert.ok(!message.includes(secret), message);
      assert.ok(!(profileUrlProblem(url) ?? '').includes(secret));
    }
  });

  it('a proxy password holding "/" is not repeated', () => {
    for (const raw of ['http://user:pa/ss@proxy:3128', 'user:pa/ss@proxy:3128', 'http://user:pa/ss@proxy:31x8']) {
      assert.throws(
        () => resolveProxy(new URL('https://airflow.example.com'), { url: raw }, {}),
        (err: Error) => {
          assert.ok(!/pa\/ss|user/.test(err.message), err.message);
          assert.match(err.message, /proxy/);
          return true;
        },
      );
    }
  });
});

describe('issue 23: Save Full Log suggests one safe file name', () => {
  it('ids with /, \\\\ or .. cannot move the suggestion out of the folder', () => {
    const refs = [
      { dagId: 'a/../../b', runId: '../../../../etc/passwd', taskId: '../../.bashrc', mapIndex: -1, tryNumber: 1 },
      { dagId: 'x', runId: 'manual__2024-01-01T00:00:00+00:00', taskId: '..', mapIndex: 3, tryNumber: 2 },
      { dagId: 'x', runId: '..\\..\\Windows', taskId: '.\u202e', mapIndex: -1, tryNumber: 1 },
    ];
    for (const r of refs) {
      const name = saveFileName({ profileId: 'p', ...r });
      assert.match(name, /^[A-Za-z0-9][A-Za-z0-9._-]*\.log$/, name);
      assert.ok(!name.includes('..'), name);
      assert.ok(name.length <= 120);
      assert.equal(posix.dirname(posix.join('/folder', name)), '/folder');
    }
    assert.equal(
      saveFileName({
        profileId: 'p',
        dagId: 'etl',
        runId: 'scheduled__2024-01-01T00:00:00+00:00',
        taskId: 'load',
        mapIndex: -1,
        tryNumber: 2,
      }),
      'load_try_2_scheduled__2024-01-01T00_00.log',
    );
  });
});
