// TLS settings of a profile, and the check of a client certificate before it is used.
import { createSecureContext } from 'node:tls';
import { InvalidInputError } from './errors';
import { proxyConfigured, type ProxyOptions } from './proxy';

/** TLS settings of a profile. Contents, not paths: the caller reads the files. */
export interface TlsOptions {
  /** PEM of extra certificate authorities to trust (in addition to the system's). */
  ca?: string;
  /** PEM client certificate and key, for mutual TLS. */
  cert?: string;
  key?: string;
  /** Passphrase of an encrypted `key` (kept in SecretStorage by the extension). */
  passphrase?: string;
  /** Skip certificate verification. Off unless a profile explicitly says so. */
  skipVerify?: boolean;
}

export function needsDispatcher(
  tls: TlsOptions | undefined,
  proxy: ProxyOptions | undefined,
  env = process.env,
): boolean {
  return Boolean(tls?.ca || tls?.cert || tls?.key || tls?.skipVerify || proxyConfigured(proxy, env));
}

/** True when a PEM private key is encrypted (PKCS#8 "ENCRYPTED PRIVATE KEY" or legacy "Proc-Type: 4,ENCRYPTED"). */
export function isEncryptedKey(pem: string): boolean {
  return /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/.test(pem);
}

/**
 * Loads the client certificate and key the way a TLS connection will, so a wrong passphrase, a
 * key that does not belong to the certificate or a file that is not PEM is reported with what to
 * fix before any request, instead of as a failed connection. `profile` names the profile in messages.
 */
export function checkClientCertificate(tls: TlsOptions, profile: string): void {
  if (!tls.cert && !tls.key) return;
  const fix = 'Run "Airflow: Edit Connection" and choose "Client certificate…".';
  if (!tls.cert || !tls.key) {
    throw new InvalidInputError(
      `"${profile}" has a client ${tls.cert ? 'certificate but no key' : 'key but no certificate'}; both are needed. ${fix}`,
    );
  }
  const encrypted = isEncryptedKey(tls.key);
  if (encrypted && !tls.passphrase) {
    throw new InvalidInputError(
      `The client key of "${profile}" is encrypted and no passphrase is stored for it. ${fix}`,
    );
  }
  try {
    createSecureContext({ cert: tls.cert, key: tls.key, passphrase: tls.passphrase });
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'ERR_OSSL_BAD_DECRYPT' || (encrypted && /decrypt/i.test(String(err)))) {
      throw new InvalidInputError(
        `The passphrase stored for the client key of "${profile}" does not decrypt it. ${fix}`,
      );
    }
    if (code === 'ERR_OSSL_X509_KEY_VALUES_MISMATCH') {
      throw new InvalidInputError(`The client key of "${profile}" does not belong to its client certificate. ${fix}`);
    }
    throw new InvalidInputError(
      `The client certificate or key of "${profile}" cannot be loaded (${code || 'not a PEM certificate and key'}). ${fix}`,
    );
  }
}
