// ANSI codes in log lines: removed from the text, their colours kept as spans.
import assert from 'node:assert/strict';
import { parseAnsi, stripAnsi } from '../../../src/logs/ansi';
import { LogText } from '../../../src/logs/logText';

describe('ANSI codes', () => {
  it('removes colours, cursor moves and OSC links, leaves the text', () => {
    assert.equal(stripAnsi('\u001b[1;31mERROR\u001b[0m - boom'), 'ERROR - boom');
    assert.equal(stripAnsi('\u001b[2K\u001b[1Gprogress 50%'), 'progress 50%');
    assert.equal(stripAnsi('\u001b]8;;http://x\u0007link\u001b]8;;\u0007 done'), 'link done');
    assert.equal(stripAnsi('plain [x] 100%'), 'plain [x] 100%');
  });
});

describe('ANSI colours in log lines', () => {
  it('turns SGR codes into spans over the text without escapes', () => {
    assert.deepEqual(parseAnsi('\u001b[31mERROR\u001b[0m - \u001b[1;92mok\u001b[22m!\u001b[0m'), {
      text: 'ERROR - ok!',
      spans: [
        { fg: 1, start: 0, end: 5 },
        { fg: 10, bold: true, start: 8, end: 10 },
        { fg: 10, start: 10, end: 11 },
      ],
    });
    assert.deepEqual(parseAnsi('\u001b[38;5;4mblue\u001b[38;2;1;2;3m true colour\u001b[m'), {
      text: 'blue true colour',
      spans: [{ fg: 4, start: 0, end: 4 }],
    });
    assert.deepEqual(parseAnsi('no codes'), { text: 'no codes', spans: [] });
    assert.deepEqual(parseAnsi('\u001b]8;;http://x\u0007link\u001b]8;;\u0007 \u001b[4mu\u001b[24m').text, 'link u');
  });

  it('keeps the colours of the kept lines only, by their line in the whole log', () => {
    const text = new LogText(20);
    text.append(['\u001b[31mold red\u001b[0m', 'plain', '\u001b[32mgreen\u001b[0m', 'last']);
    assert.deepEqual(text.kept(), ['plain', 'green', 'last']);
    assert.equal(text.firstLineNumber, 1);
    assert.equal(text.colorsOf(0), undefined, "the dropped line's colours went with it");
    assert.deepEqual(text.colorsOf(2), [{ fg: 2, start: 0, end: 5 }]);
    assert.deepEqual(text.tail(11), { text: 'green\nlast', firstLineNumber: 2 });
  });
});
