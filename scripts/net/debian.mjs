// Installs a Debian package the test scripts need when its program is missing and we may (root
// with apt-get), as .ci/run does; otherwise says what to install. Same rule as postgres.mjs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** Path of `program` (searched in the usual sbin/bin folders), installing `pkg` first when it is missing. */
export function ensureProgram(program, pkg, log = console.error) {
  const find = () =>
    ['/usr/sbin', '/usr/bin', '/sbin', '/bin'].map((d) => `${d}/${program}`).find((p) => fs.existsSync(p));
  const found = find();
  if (found) return found;
  if (process.getuid?.() !== 0 || spawnSync('which', ['apt-get']).status !== 0) {
    throw new Error(`${program} is not installed: run \`apt-get install ${pkg}\` (.ci/run does)`);
  }
  log(`${program} is not installed: apt-get install ${pkg} …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', pkg],
  ]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${r.status}); install ${pkg} by hand`);
  }
  const installed = find();
  if (!installed) throw new Error(`${pkg} was installed but ${program} is still missing`);
  return installed;
}
