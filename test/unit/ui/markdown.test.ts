// Issue 12: Markdown escaping of server text, so a field cannot become markup or a block.
import assert from 'node:assert/strict';
import { codeBlock, escapeMarkdown } from '../../../src/ui/markdown';

describe('Markdown escaping of server text', () => {
  it('escapes ~ & < > $ and the usual punctuation', () => {
    assert.equal(
      escapeMarkdown('~~x~~ &amp; <img src=x> $(zap)'),
      '\\~\\~x\\~\\~ \\&amp; \\<img src=x\\> \\$\\(zap\\)',
    );
    assert.equal(escapeMarkdown('etl_daily'), 'etl\\_daily');
  });

  it('turns line breaks into spaces, so a field cannot start a block', () => {
    for (const nl of ['\n', '\r\n', '\r', '\u2028']) {
      const out = escapeMarkdown(`ok${nl}# Heading${nl}${nl}    code${nl}| a | b |`);
      assert.ok(!/[\r\n\u2028]/.test(out), JSON.stringify(out));
    }
  });

  it('a code block cannot be closed by the text inside it', () => {
    const block = codeBlock('a\n```\n[x](http://evil)\n````', 'python');
    assert.ok(block.includes('\n`````python\n'), block);
    assert.ok(block.trimEnd().endsWith('\n`````'), block);
  });
});
