// A profile's CA, certificate and key files: `~` expanded, regular files only, a size cap, clear messages.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidInputError } from '../../../src/airflow';
import { expandHome, PEM_MAX_BYTES, readPemFile } from '../../../src/connection/tlsFiles';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('TLS files of a profile', () => {
  let home: string;
  before(() => {
    home = mkdtempSync(join(tmpdir(), 'airflow-tls-files-'));
    mkdirSync(join(home, 'certs'));
    writeFileSync(join(home, 'certs', 'ca.pem'), PEM);
  });
  after(() => rmSync(home, { recursive: true, force: true }));

  async function refused(path: string, what = 'CA file'): Promise<string> {
    const err = await readPemFile(path, what, 'prod', home).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof InvalidInputError, `expected InvalidInputError, got ${String(err)}`);
    assert.ok(err.message.startsWith(`Cannot use the ${what} "${path}" of "prod": `), err.message);
    assert.ok(err.message.endsWith(`. Set the profile's ${what} to a PEM file.`), err.message);
    return err.message;
  }

  it('expands ~ and ~/ to the home folder, and leaves other paths alone', () => {
    assert.equal(expandHome('~', '/home/a'), '/home/a');
    assert.equal(expandHome('~/certs/ca.pem', '/home/a'), join('/home/a', 'certs/ca.pem'));
    assert.equal(expandHome('~bob/ca.pem', '/home/a'), '~bob/ca.pem');
    assert.equal(expandHome('/etc/ssl/ca.pem', '/home/a'), '/etc/ssl/ca.pem');
  });

  it('reads a file given as ~/…', async () => {
    assert.equal(await readPemFile('~/certs/ca.pem', 'CA file', 'prod', home), PEM);
  });

  it('refuses a folder', async () => {
    assert.match(await refused('~/certs'), /: it is a folder, not a file\./);
  });

  it('refuses a named pipe at once (opening one for reading would wait for a writer)', async function () {
    if (process.platform === 'win32') this.skip();
    const fifo = join(home, 'pipe.pem');
    execFileSync('mkfifo', [fifo]);
    assert.match(await refused(fifo, 'client key'), /: it is a named pipe, not a file\./);
  });

  it('refuses a device', async function () {
    if (process.platform === 'win32') this.skip();
    assert.match(await refused('/dev/zero', 'client certificate'), /: it is a device, not a file\./);
  });

  it(`refuses a file over ${PEM_MAX_BYTES / (1024 * 1024)} MB`, async () => {
    writeFileSync(join(home, 'big.pem'), Buffer.alloc(PEM_MAX_BYTES + 1, 'A'));
    writeFileSync(join(home, 'cap.pem'), Buffer.alloc(PEM_MAX_BYTES, 'A'));
    assert.match(await refused('~/big.pem'), /: it is larger than 1 MB, which no certificate or key is\./);
    assert.equal((await readPemFile('~/cap.pem', 'CA file', 'prod', home)).length, PEM_MAX_BYTES);
  });

  it('a missing file says so, and where a relative path is read from', async () => {
    assert.match(await refused(join(home, 'missing.pem')), /: it does not exist\./);
    assert.match(
      await refused('missing.pem'),
      /: it does not exist \(a relative path is read from .*; use a full path or one starting with ~\/\)\./,
    );
  });
});
