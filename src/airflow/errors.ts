// Typed errors, each with a message a person can act on. Messages never hold a secret:
// everything that reaches a message goes through the client's redactor first.

export type AirflowErrorKind =
  | 'invalidInput'
  | 'unreachable'
  | 'timeout'
  | 'cancelled'
  | 'tls'
  | 'notAirflow'
  | 'unauthenticated'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'validation'
  | 'server'
  | 'unsupported';

export abstract class AirflowError extends Error {
  abstract readonly kind: AirflowErrorKind;
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The base of the errors of one kind that carry nothing more than their message and status. */
function ofKind<K extends AirflowErrorKind>(kind: K) {
  abstract class OfKind extends AirflowError {
    readonly kind = kind;
  }
  return OfKind;
}

/** The base of the errors of one kind that carry one more fact a caller branches on. */
function ofKindWithDetail<K extends AirflowErrorKind, D>(kind: K) {
  abstract class OfKindWithDetail extends AirflowError {
    readonly kind = kind;
    constructor(
      message: string,
      readonly detail: D,
    ) {
      super(message);
    }
  }
  return OfKindWithDetail;
}

/** The caller's input is wrong before anything is sent (URL, conf, ids). */
export class InvalidInputError extends ofKind('invalidInput') {}

export type UnreachableReason = 'dns' | 'refused' | 'reset' | 'network' | 'proxy';

export class UnreachableError extends ofKindWithDetail<'unreachable', UnreachableReason>('unreachable') {
  /** Why no answer came: a name that did not resolve, a refused or reset connection, a proxy. */
  get reason(): UnreachableReason {
    return this.detail;
  }
}

export class TimeoutError extends ofKind('timeout') {}

export class CancelledError extends ofKind('cancelled') {}

export class TlsError extends ofKindWithDetail<'tls', string>('tls') {
  /** Node's code for the failure (`CERT_HAS_EXPIRED`, `DEPTH_ZERO_SELF_SIGNED_CERT`, …). */
  get code(): string {
    return this.detail;
  }
}

/** Something answered, but not Airflow's API (an HTML login page, a proxy, another app). */
export class NotAirflowError extends ofKind('notAirflow') {}

/**
 * The server answered with a redirect. It is never followed: the request carries credentials,
 * and the target is usually a login page or another origin.
 */
export class RedirectError extends NotAirflowError {
  constructor(
    message: string,
    status: number,
    readonly location: string,
  ) {
    super(message, status);
  }
}

// The server's refusals and failures, most of them read from an HTTP status (statusErrors.ts).
export class UnauthenticatedError extends ofKind('unauthenticated') {}
export class ForbiddenError extends ofKind('forbidden') {}
export class NotFoundError extends ofKind('notFound') {}
export class ConflictError extends ofKind('conflict') {}
export class ValidationError extends ofKind('validation') {}
export class ServerError extends ofKind('server') {}

/** The server's version lacks an endpoint the extension would use; the message names the version. */
export class UnsupportedError extends AirflowError {
  readonly kind = 'unsupported';
  constructor(
    message: string,
    readonly feature: string,
  ) {
    super(message);
  }
}

/** A response larger than the cap for its kind; reading stopped there. */
export class ResponseTooLargeError extends ServerError {
  constructor(
    message: string,
    readonly limitBytes: number,
  ) {
    super(message);
  }
}

/** An "all pages" walk that would not end: the server repeats a page, or there are more items than the cap. */
export class PagingError extends ServerError {
  constructor(
    message: string,
    readonly reason: 'repeated' | 'tooMany',
  ) {
    super(message);
  }
}

export function isAirflowError(e: unknown): e is AirflowError {
  return e instanceof AirflowError;
}

/** Replaces every known secret in `text` with `***`. */
export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined | null): void {
    // Very short values would redact ordinary words; nobody's password is one letter long.
    if (secret && secret.length >= 3) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('***');
    return out;
  }
}

/**
 * Masks what looks like a credential in text we did not write (a token command's stderr): the
 * value after `Bearer`/`Basic`, `token=`/`password=`-style pairs, JWTs, and long base64 or hex runs.
 * Ordinary words and paths stay readable, so the message still says what went wrong.
 */
export function redactTokenLike(text: string): string {
  return text
    .replace(/\b(Bearer|Basic|Token)\s+[^\s"',;]+/gi, '$1 ***')
    .replace(
      /\b([\w-]*(?:token|secret|password|passwd|pwd|key|auth)[\w-]*)(\s*[:=]\s*)("?)(?!(?:Bearer|Basic|Token)\s|\*\*\*)[^\s"',;&]+/gi,
      '$1$2$3***',
    )
    .replace(/\beyJ[\w-]+\.[\w-]+(?:\.[\w-]*)?/g, '***')
    .replace(/(?<![\w/.-])[A-Za-z0-9+/_-]{24,}={0,2}(?![\w/.-])/g, (run) =>
      /\d/.test(run) && /[A-Za-z]/.test(run) ? '***' : run,
    )
    .replace(/\b[0-9a-fA-F]{32,}\b/g, '***');
}
