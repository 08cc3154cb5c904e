// `npm run airflow [-- 2|3]` (or `npm run try`): a real Airflow with the demo DAGs (examples/dags/), for VS Code desktop users.
import { ensurePostgresInstalled } from './airflow/postgres.mjs';
import { EXAMPLE_DAGS, startAirflow } from './airflow/server.mjs';

const major = Number(process.argv[2] ?? 3);
if (major !== 2 && major !== 3) {
  console.error('usage: npm run try [-- 2|3]');
  process.exit(2);
}
ensurePostgresInstalled();
console.log(`Starting Airflow ${major}.x (the first start installs it into .cache/airflow and takes a few minutes)…`);
const af = await startAirflow(major, { port: major === 2 ? 28080 : 28081, dags: EXAMPLE_DAGS });
const auth = major === 2 ? 'basic' : 'jwt';
console.log(`
Airflow ${af.version} is running at ${af.url} (user ${af.username}, password ${af.password}).

In VS Code (F5 on this folder, or with the .vsix installed): Airflow view -> Add Airflow Connection,
or add to your user settings and enter the password when asked:
  "airflow.profiles": [{ "name": "try-${major}", "url": "${af.url}", "auth": "${auth}", "username": "${af.username}" }]

Press Ctrl-C to stop Airflow.`);
setInterval(() => {}, 1 << 30);
