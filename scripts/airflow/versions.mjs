// The Airflow versions the tests run against. Each has a constraints-<version>.txt beside this
// file (setup.sh installs with it); test/unit/crossCutting/rig.test.ts checks that they do.
//
//   node scripts/airflow/versions.mjs default   # prints the versions `npm test` installs, one a line
//   node scripts/airflow/versions.mjs compat    # those of `npm run test:compat`
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The newest 2.x and 3.x: `npm test` starts them side by side for every suite (setup.sh 2|3). */
export const MAIN_VERSIONS = ['2.11.2', '3.3.2'];

/**
 * Older versions `npm test` (and so CI) also runs, each alone after the main pair, for the
 * contract tests (the VS Code suites against them are test:compat's): 3.1.x is the most common
 * older 3.x, and the one whose log tokens ignore the position.
 */
export const EXTRA_VERSIONS = ['3.1.8'];

/** The newest patch of every minor release users still run: `npm run test:compat` tests each. */
export const COMPAT_VERSIONS = ['2.9.3', '2.10.5', '2.11.2', '3.0.6', '3.1.8', '3.2.2', '3.3.2'];

/** The VS Code suites test:compat runs against every compat version (ends of their compiled paths, as VSC_TEST_FILES takes them). */
export const COMPAT_SUITES = ['/explorer.test.js', '/logs.test.js'];

/**
 * `npm test`'s Airflows in groups: the servers of a group run together, the groups one after
 * another (2 cores do not run three Airflows well). Written as TEST_AIRFLOW takes it.
 */
export const DEFAULT_TEST_AIRFLOW = [MAIN_VERSIONS.join(','), ...EXTRA_VERSIONS].join(';');

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const which = process.argv[2];
  const lists = { default: [...MAIN_VERSIONS, ...EXTRA_VERSIONS], compat: COMPAT_VERSIONS };
  if (!(which in lists)) {
    console.error('usage: node scripts/airflow/versions.mjs default|compat');
    process.exit(2);
  }
  console.log(lists[which].join('\n'));
}
