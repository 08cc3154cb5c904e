// Which code-server (VS Code) the scripts start, where install-code-server.sh puts it, and the
// node that runs it. The versions themselves are kept in code-server-versions.json, read by the
// install script too:
//   main      the newest code-server the npm registry had when it was last raised: `npm test`,
//             `npm start` and `npm run bench` run on it (TEST_CODE_SERVER picks another);
//   previous  the one tested before it (VS Code 1.100), kept installable by name;
//   oldest    the oldest whose VS Code satisfies package.json's engines.vscode: `npm run test:compat`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');

/** { main, previous, oldest }: code-server versions by name. */
export const CODE_SERVER_VERSIONS = Object.freeze(
  JSON.parse(fs.readFileSync(path.join(HERE, 'code-server-versions.json'), 'utf8')),
);
/** The main version: what `npm test`, `npm start` and the bench run unless told otherwise. */
export const CODE_SERVER_VERSION = CODE_SERVER_VERSIONS.main;

/** A name of code-server-versions.json or a version (4.139.1) → the version. */
export function resolveCodeServerVersion(nameOrVersion = 'main') {
  if (/^\d+\.\d+\.\d+$/.test(nameOrVersion)) return nameOrVersion;
  const v = CODE_SERVER_VERSIONS[nameOrVersion];
  if (!v)
    throw new Error(
      `code-server "${nameOrVersion}": neither a version (4.139.1) nor one of ${Object.keys(CODE_SERVER_VERSIONS).join(', ')}`,
    );
  return v;
}

/** The install folder (CODE_SERVER_DIR overrides the main version's). */
export function codeServerDir(version = CODE_SERVER_VERSION) {
  if (process.env.CODE_SERVER_DIR && version === CODE_SERVER_VERSION) return process.env.CODE_SERVER_DIR;
  return path.join(REPO, '.cache', `code-server-${version}`);
}

/** The script code-server's `node` runs: `[node, entry]` start it. */
export function codeServerEntry(version = CODE_SERVER_VERSION) {
  return path.join(codeServerDir(version), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/**
 * The node to start it with: the link the install script leaves in its folder (the machine's
 * node, or one from the npm registry when code-server wants another major); installs made before
 * the link existed ran on the machine's node.
 */
export function codeServerNode(version = CODE_SERVER_VERSION) {
  const link = path.join(codeServerDir(version), 'node');
  return fs.existsSync(link) ? fs.realpathSync(link) : process.execPath;
}

/** VS Code's version inside that code-server (lib/vscode/package.json), or 'unknown'. */
export function codeServerVscodeVersion(version = CODE_SERVER_VERSION) {
  try {
    return JSON.parse(
      fs.readFileSync(
        path.join(codeServerDir(version), 'node_modules', 'code-server', 'lib', 'vscode', 'package.json'),
        'utf8',
      ),
    ).version;
  } catch {
    return 'unknown';
  }
}

/** Runs install-code-server.sh for that version (returns at once when it is installed). */
export function installCodeServer(version = CODE_SERVER_VERSION) {
  const r = spawnSync('bash', [path.join(HERE, 'install-code-server.sh'), version], {
    stdio: ['ignore', process.stderr, process.stderr],
    env: { ...process.env, CODE_SERVER_DIR: codeServerDir(version) },
  });
  if (r.status !== 0)
    throw new Error(`install-code-server.sh ${version} failed (exit ${r.status ?? r.signal}); see its output above`);
}
