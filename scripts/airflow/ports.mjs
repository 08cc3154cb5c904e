// Ports of the test and demo servers. Test servers take free ports the system hands out
// (`freePorts`) and pass them on; a port a user chose (`npm start --port N`, an AIRFLOW3_PORT)
// is checked first (`portInUse`, `busyPorts`) and a busy one is named in the error.
import net from 'node:net';

/** Whether something already listens on a loopback port. */
export function portInUse(port) {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
    sock.setTimeout(1000, () => {
      sock.destroy();
      resolve(false);
    });
  });
}

/** Whether a port can be listened on at 127.0.0.1 right now (nothing listens, nothing forbids it). */
function canListen(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/**
 * The ports of `wanted` ({ what: port }) that are taken, as `port N (what)` phrases; empty when
 * all are free. A port counts as taken when something answers on it or it cannot be bound.
 */
export async function busyPorts(wanted) {
  const busy = [];
  for (const [what, port] of Object.entries(wanted)) {
    if (port === undefined) continue;
    if ((await portInUse(port)) || !(await canListen(port))) busy.push(`port ${port} (${what})`);
  }
  return busy;
}

/**
 * `n` distinct free loopback ports, held open together while they are chosen so none is
 * handed out twice, then released for the caller to use at once.
 */
export async function freePorts(n) {
  const servers = [];
  try {
    for (let i = 0; i < n; i++) {
      const srv = net.createServer();
      srv.unref();
      await new Promise((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(0, '127.0.0.1', resolve);
      });
      servers.push(srv);
    }
    return servers.map((s) => s.address().port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  }
}

/** One free loopback port. */
export async function freePort() {
  return (await freePorts(1))[0];
}
