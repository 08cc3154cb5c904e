// A throwaway PKI for unit tests, made with openssl (argument lists, no shell): a CA, a server
// certificate for 127.0.0.1, a client certificate with an encrypted key, and a client certificate
// from another CA. The suites against real servers use scripts/net/tlsFront.mjs instead.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Pem {
  cert: string;
  key: string;
}

export interface TestPki {
  ca: Pem;
  server: Pem;
  client: Pem;
  /** Passphrase of `client.key`. */
  passphrase: string;
  rogueClient: Pem;
}

export function makeTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'airflow-test-pki-'));
  const passphrase = `unit-${Date.now()}-passphrase`;
  const env = { ...process.env, TEST_KEY_PASSPHRASE: passphrase };
  const openssl = (args: string[]) => {
    try {
      execFileSync('openssl', args, { stdio: 'pipe', env });
    } catch (err) {
      throw new Error(`These tests need openssl on PATH: openssl ${args[0]} failed: ${(err as Error).message}`);
    }
  };
  const file = (name: string) => join(dir, name);
  const ca = (name: string) => {
    openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      file(`${name}.key`),
      '-out',
      file(`${name}.pem`),
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign',
    ]);
    return name;
  };
  const leaf = (name: string, issuer: string, ext: string, encrypted = false) => {
    writeFileSync(file(`${name}.ext`), `${ext}\n`);
    openssl([
      'genpkey',
      '-algorithm',
      'RSA',
      '-pkeyopt',
      'rsa_keygen_bits:2048',
      ...(encrypted ? ['-aes256', '-pass', 'env:TEST_KEY_PASSPHRASE'] : []),
      '-out',
      file(`${name}.key`),
    ]);
    openssl([
      'req',
      '-new',
      '-key',
      file(`${name}.key`),
      ...(encrypted ? ['-passin', 'env:TEST_KEY_PASSPHRASE'] : []),
      '-out',
      file(`${name}.csr`),
      '-subj',
      `/CN=${name}`,
    ]);
    openssl([
      'x509',
      '-req',
      '-in',
      file(`${name}.csr`),
      '-CA',
      file(`${issuer}.pem`),
      '-CAkey',
      file(`${issuer}.key`),
      '-CAcreateserial',
      '-out',
      file(`${name}.pem`),
      '-days',
      '2',
      '-extfile',
      file(`${name}.ext`),
    ]);
  };
  ca('ca');
  ca('rogue-ca');
  leaf('server', 'ca', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth');
  leaf('client', 'ca', 'extendedKeyUsage=clientAuth', true);
  leaf('rogue-client', 'rogue-ca', 'extendedKeyUsage=clientAuth');
  const pem = (name: string): Pem => ({
    cert: readFileSync(file(`${name}.pem`), 'utf8'),
    key: readFileSync(file(`${name}.key`), 'utf8'),
  });
  const pki = {
    ca: pem('ca'),
    server: pem('server'),
    client: pem('client'),
    rogueClient: pem('rogue-client'),
    passphrase,
  };
  rmSync(dir, { recursive: true, force: true });
  return pki;
}
