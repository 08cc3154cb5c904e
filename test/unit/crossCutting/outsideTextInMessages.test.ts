// Issue 23: a rule over the sources: every message, progress title and status bar message puts outside
// text through outsideText (test/unit/ui/outsideText.unit.test.ts).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

// The rule: a message, progress title or status bar message is a string literal, `outsideText(…)`,
// or a template whose every interpolation is `outsideText(…)`, a count, or a choice between such.
const root = resolve(__dirname, '../../../..');
const CHECKED_CALLS = new Set([
  'showInformationMessage',
  'showWarningMessage',
  'showErrorMessage',
  'setStatusBarMessage',
]);

function safe(e: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(e)) return safe(e.expression);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isNumericLiteral(e)) return true;
  if (ts.isConditionalExpression(e)) return safe(e.whenTrue) && safe(e.whenFalse);
  if (ts.isCallExpression(e)) {
    const callee = e.expression;
    if (ts.isIdentifier(callee) && callee.text === 'outsideText') return true;
    // A number written out: `lines.toLocaleString('en-US')`.
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'toLocaleString') return true;
    return false;
  }
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'length') return true;
  if (ts.isIdentifier(e) && e.text === 'undefined') return true;
  if (ts.isTemplateExpression(e)) return e.templateSpans.every((span) => safe(span.expression));
  return false;
}

function unsafeMessages(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (e: ts.Expression) => {
    if (!safe(e))
      found.push(
        `${relative(root, file)}:${sf.getLineAndCharacterOfPosition(e.getStart()).line + 1}: ${e.getText().slice(0, 80)}`,
      );
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const name = node.expression.name.text;
      if (CHECKED_CALLS.has(name) && node.arguments[0]) report(node.arguments[0]);
      if (name === 'withProgress' && node.arguments[0] && ts.isObjectLiteralExpression(node.arguments[0])) {
        for (const p of node.arguments[0].properties) {
          if (ts.isPropertyAssignment(p) && p.name.getText() === 'title') report(p.initializer);
          if (ts.isShorthandPropertyAssignment(p) && p.name.text === 'title')
            found.push(`${relative(root, file)}: a withProgress title passed as a variable`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('outside text in messages (a rule over src/)', function () {
  // It parses every source file: over a second alone, more on a busy machine (2 s was too tight).
  this.timeout(30_000);
  const files = readdirSync(join(root, 'src'), { recursive: true })
    .map((f) => join(root, 'src', String(f)))
    .filter((f) => f.endsWith('.ts'));

  it('every show*Message, setStatusBarMessage and withProgress title passes interpolated text through outsideText', () => {
    assert.deepEqual(files.flatMap(unsafeMessages), []);
  });

  it('the rule catches a message that does not', () => {
    const probe = join(root, 'out', 'rule-probe.ts');
    const check = (code: string) => {
      const sf = ts.createSourceFile(probe, code, ts.ScriptTarget.Latest, true);
      const call = sf.statements[0] as ts.ExpressionStatement;
      const expr = call.expression as ts.CallExpression;
      return safe(expr.arguments[0]);
    };
    assert.equal(check('vscode.window.showErrorMessage(`Airflow: ${message}`)'), false);
    assert.equal(check('vscode.window.showErrorMessage(text)'), false);
    assert.equal(check('vscode.window.showErrorMessage(`Airflow: ${outsideText(message)}`)'), true);
    assert.equal(
      check("vscode.window.showErrorMessage(`${n.toLocaleString()} lines ${a ? 'x' : outsideText(b)}`)"),
      true,
    );
  });
});
