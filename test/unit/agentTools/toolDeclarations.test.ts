// The tools as package.json declares them: every implemented tool declared once, with a schema an
// agent can fill (its required fields among its properties), a #reference, and the tools that
// change Airflow hidden from an untrusted workspace.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { changeTools } from '../../../src/agentTools/changeTools';
import { SERVER_TOOLS } from '../../../src/agentTools/serverTools';
import { TOOL_NAMES } from '../../../src/agentTools/toolNames';

interface Declared {
  name: string;
  toolReferenceName?: string;
  displayName?: string;
  userDescription?: string;
  modelDescription?: string;
  canBeReferencedInPrompt?: boolean;
  when?: string;
  inputSchema: {
    type: string;
    properties: Record<string, { type?: string; description?: string }>;
    required?: string[];
  };
}

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { languageModelTools: Declared[] };
};
const declared = pkg.contributes.languageModelTools;

describe('the language-model tools as package.json declares them', () => {
  it('declares exactly the tools the extension registers, each implemented (the file tool uses vscode)', () => {
    assert.deepEqual(
      declared.map((t) => t.name),
      [...TOOL_NAMES],
    );
    const implemented = SERVER_TOOLS.map((t) => t.name);
    assert.deepEqual([...implemented, 'airflow_dagForFile'].sort(), [...TOOL_NAMES].sort());
  });

  it('gives each a name, descriptions, a unique #reference and a schema whose required fields it describes', () => {
    const refs = new Set<string>();
    for (const t of declared) {
      assert.match(t.name, /^airflow_[A-Za-z]+$/);
      assert.ok(t.displayName && t.userDescription && t.modelDescription && t.modelDescription.length > 80, t.name);
      assert.ok(t.canBeReferencedInPrompt && t.toolReferenceName && !refs.has(t.toolReferenceName), t.name);
      refs.add(t.toolReferenceName);
      assert.equal(t.inputSchema.type, 'object');
      for (const r of t.inputSchema.required ?? [])
        assert.ok(t.inputSchema.properties[r], `${t.name}: required ${r} is a property`);
      for (const [k, p] of Object.entries(t.inputSchema.properties))
        assert.ok(p.description, `${t.name}.${k} is described`);
      assert.ok(t.inputSchema.properties.connection, `${t.name} takes a connection`);
    }
  });

  it('hides the tools that change Airflow in an untrusted workspace, and only those', () => {
    const changing = changeTools.map((t) => t.name).sort();
    assert.deepEqual(
      declared
        .filter((t) => t.when === 'isWorkspaceTrusted')
        .map((t) => t.name)
        .sort(),
      changing,
    );
    assert.ok(
      changeTools.every((t) => t.changes && t.confirm),
      'each asks for confirmation',
    );
  });
});
