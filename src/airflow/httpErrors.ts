// What every translated error needs to know about the transport, and the errors of reading an answer:
// no answer in time, too large, not Airflow's. Failures below HTTP: networkErrors.ts; statuses: statusErrors.ts.
import { AirflowError, NotAirflowError, Redactor, ResponseTooLargeError, TimeoutError } from './errors';

/** What a message needs to know about the transport. */
export interface ErrorContext {
  root: string;
  timeoutMs: number;
  redactor: Redactor;
  /** The proxy requests go through (no credentials in it), when one applies. */
  proxy?: string;
  /** Whether the profile sends a client certificate. */
  clientCertificate?: boolean;
}

/** Redacts an error that is already typed (a message may quote a URL with credentials). */
export function redacted(err: AirflowError, redactor: Redactor): AirflowError {
  err.message = redactor.redact(err.message);
  if (err.stack) err.stack = redactor.redact(err.stack);
  return err;
}

export function timeoutError(ctx: ErrorContext): TimeoutError {
  return new TimeoutError(
    ctx.redactor.redact(
      `No answer from ${ctx.root} within ${seconds(ctx.timeoutMs)}. The server may be overloaded or unreachable; try again, or raise the request timeout.`,
    ),
  );
}

export function notAirflowError(ctx: ErrorContext, res: Response, body: string, path: string): NotAirflowError {
  const type = res.headers.get('content-type') || 'no content type';
  const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(body)?.[1]?.trim();
  const what = title ? `an HTML page titled "${title}"` : type.includes('html') ? 'an HTML page' : `${type} content`;
  return new NotAirflowError(
    ctx.redactor.redact(
      `${ctx.root} answered /${path.replace(/^\//, '')} with ${what} (HTTP ${res.status}) instead of Airflow's REST API. ` +
        'Check that the URL is the Airflow web server itself, not a login page, a proxy or another service.',
    ),
    res.status,
  );
}

export function tooLargeError(
  ctx: ErrorContext,
  path: string,
  limitBytes: number,
  advice: string,
): ResponseTooLargeError {
  const where = /^https?:/.test(path) ? path : `${ctx.root}/${path.replace(/^\//, '')}`;
  return new ResponseTooLargeError(
    ctx.redactor.redact(
      `The answer to ${where.split('?')[0]} is larger than ${Math.round(limitBytes / (1024 * 1024))} MB; reading stopped there. ${advice}`,
    ),
    limitBytes,
  );
}

/** 300 -> "0.3 s", 30000 -> "30 s". */
function seconds(ms: number): string {
  return `${ms < 10_000 ? Number((ms / 1000).toFixed(1)) : Math.round(ms / 1000)} s`;
}
