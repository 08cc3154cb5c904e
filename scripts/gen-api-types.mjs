// Generates TypeScript types for the Airflow REST API wire formats from the official
// OpenAPI specs (v1: Airflow 2.10, v2: Airflow 3.2). Output is committed so a build
// does not need the specs; run again when the specs change.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const specDir = process.env.AIRFLOW_OPENAPI_DIR ?? resolve(root, '../shared/airflow-openapi');
const outDir = join(root, 'src/airflow/generated');
mkdirSync(outDir, { recursive: true });

for (const [spec, out] of [
  ['v1-airflow-2.10.yaml', 'v1.ts'],
  ['v2-airflow-3.2.yaml', 'v2.ts'],
]) {
  const input = join(specDir, spec);
  if (!existsSync(input)) throw new Error(`OpenAPI spec not found: ${input} (set AIRFLOW_OPENAPI_DIR)`);
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/openapi-typescript/bin/cli.js'), input, '-o', join(outDir, out)],
    {
      stdio: 'inherit',
    },
  );
}
