// Issue 23: text from a server or a repository is shown, never obeyed: the neutraliser. The rule that
// every message puts such text through it: test/unit/crossCutting/outsideTextInMessages.test.ts.
import assert from 'node:assert/strict';
import { JOINER, outsideText, OUTSIDE_TEXT_MAX } from '../../../src/ui/outsideText';
import { BARE_SCHEME, CONTROL_OR_BIDI, ICON, NOTIFICATION_LINK } from '../../support/obeyable';

const visible = (s: string) => s.split(JOINER).join('');

describe('outsideText: shown, never obeyed', () => {
  const RUN = 'command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22id%5Cn%22%7D';

  it('breaks [label](target) for every target VS Code links, and reads the same', () => {
    for (const target of [
      RUN,
      'command:workbench.action.files.newUntitledFile',
      'https://evil.example/x',
      'http://evil.example',
      'file:///etc/passwd',
      'COMMAND:x',
    ]) {
      const input = `3.1.0 [Sign in again](${target})`;
      assert.ok(NOTIFICATION_LINK.test(input), `the test's own pattern matches ${input}`);
      const out = outsideText(input);
      assert.ok(!NOTIFICATION_LINK.test(out), out);
      assert.equal(visible(out), input, 'only invisible joiners were added');
    }
    assert.ok(!NOTIFICATION_LINK.test(outsideText('[x](https://a.example "title")')));
  });

  it('breaks nested and repeated brackets', () => {
    for (const input of [
      '[[a]](command:x)',
      '[a [b](command:x)](command:y)',
      '[](command:x)[ok](command:y)',
      '[a]]](command:x)',
      '[a](command:x)[b](file:y)',
    ]) {
      const out = outsideText(input);
      assert.ok(!NOTIFICATION_LINK.test(out), `${input} -> ${out}`);
      assert.ok(!/\]\(/.test(out), `${input} -> ${out}`);
    }
  });

  it('breaks command:, file: and vscode: with and without brackets', () => {
    for (const input of [
      'command:workbench.action.quit',
      'open file:///etc/shadow now',
      'vscode://ms-python.python/x',
      'see (command:x)',
      'Command:x',
      'vscode-insiders:x',
    ]) {
      const out = outsideText(input);
      assert.ok(!BARE_SCHEME.test(out), `${input} -> ${out}`);
      assert.equal(visible(out), input);
    }
    assert.equal(
      outsideText('https://airflow.example.com/home'),
      'https://airflow.example.com/home',
      'a web address stays as it is',
    );
  });

  it('breaks $(icon) syntax', () => {
    for (const input of ['$(sync~spin) fake progress', 'a$(error)b', '$(x~)']) {
      const out = outsideText(input);
      assert.ok(!ICON.test(out), `${input} -> ${out}`);
      assert.equal(visible(out), input);
    }
  });

  it('a piece cannot complete a link begun by the piece before it', () => {
    const joined = `${outsideText('ok [Sign in')} ${outsideText('again]')}${outsideText('(command:x)')}`;
    assert.ok(!NOTIFICATION_LINK.test(joined), joined);
    assert.ok(!ICON.test(`${outsideText('$')}${outsideText('(error)')}`));
  });

  it('removes control characters, ANSI colours and bidirectional overrides; line breaks become spaces', () => {
    assert.equal(outsideText('a\nb\r\nc\td\u2028e'), 'a b  c d e');
    assert.equal(outsideText('\u001b[31mERROR\u001b[0m bad'), 'ERROR bad');
    assert.equal(outsideText('x\u0000\u0007\u007f\u009by'), 'xy');
    // "Trojan Source": an override that makes `txt.exe` read as `exe.txt`.
    assert.equal(outsideText('report\u202Etxt.exe'), 'reporttxt.exe');
    assert.equal(outsideText('\u2066a\u2069\u200f\u061c'), 'a');
    assert.ok(!CONTROL_OR_BIDI.test(outsideText('\u202a\u202b\u202c\u202d\u202e\u2067\u2068\u200e')));
  });

  it('shortens long text with an ellipsis, never splitting a character', () => {
    const long = 'x'.repeat(10_000);
    assert.equal(outsideText(long).length, OUTSIDE_TEXT_MAX);
    assert.ok(outsideText(long).endsWith('…'));
    assert.equal(outsideText(long, 20), `${'x'.repeat(19)}…`);
    const emoji = `${'a'.repeat(18)}😀😀`;
    const cut = outsideText(emoji, 20);
    assert.ok(!/[\ud800-\udbff]…$/.test(cut), 'no lone high surrogate before the ellipsis');
    assert.equal(outsideText('short'), 'short');
    assert.equal(outsideText(42), '42');
    assert.equal(outsideText(undefined), 'undefined');
  });

  it('leaves ordinary ids and messages as they are', () => {
    for (const s of [
      'etl_daily',
      'manual__2024-01-01T00:00:00+00:00',
      'Airflow 3.1.0 (API v2), healthy',
      'task [2]',
      'scheduled__2024-01-01T00:00:00',
    ])
      assert.equal(outsideText(s), s);
  });
});
