// What the network fixtures (proxy.mjs, tlsFront.mjs) do with the server they spawn: wait for its
// ports, kill it should this process end first, and stop it and remove its folder when asked.
import fs from 'node:fs';
import { portInUse } from '../airflow/ports.mjs';

export async function waitForPort(port, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await portInUse(port)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** `exited` settles when the child ends; `stop()` asks it to (SIGTERM), then forces it after 3 s. */
export function supervise(child, dir) {
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const onExit = () => child.kill('SIGKILL');
  process.on('exit', onExit);
  return {
    exited,
    async stop() {
      process.removeListener('exit', onExit);
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
