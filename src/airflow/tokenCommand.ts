// Runs a profile's token command without a shell, with a time limit that holds even if it ignores SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { redactTokenLike, UnauthenticatedError } from './errors';

/** How long a command gets to exit after SIGTERM before SIGKILL; the call fails then, exited or not. */
const KILL_GRACE_MS = 2_000;
/** A token is a few KB at most: more output means the wrong command. */
const MAX_STDOUT = 1 << 20;
const MAX_STDERR = 64 << 10;

/** Runs `command` (no shell, no input) and resolves with what it printed on stdout. */
export function runTokenCommand(command: string, args: string[], timeoutMs: number): Promise<string> {
  const label = `The token command "${command}"`;
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    // Its own process group (POSIX), so that a timeout also stops the programs it started.
    const group = process.platform !== 'win32';
    try {
      child = spawn(command, args, {
        shell: false,
        windowsHide: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: group,
      });
    } catch (err) {
      reject(
        new UnauthenticatedError(
          `${label} could not be started (${(err as Error).message}). Check the profile's token command.`,
        ),
      );
      return;
    }
    const out = capture(child.stdout, MAX_STDOUT);
    const errText = capture(child.stderr, MAX_STDERR);
    let done = false;
    let timedOut = false;
    let killTimer: ReturnType<typeof setTimeout> | undefined;
    const signal = (sig: NodeJS.Signals) => {
      try {
        if (group && child.pid) process.kill(-child.pid, sig);
        else child.kill(sig);
      } catch {
        // Already gone.
      }
    };
    const finish = (err: Error | undefined, value = '') => {
      if (done) return;
      done = true;
      clearTimeout(termTimer);
      clearTimeout(killTimer);
      if (err) reject(err);
      else resolve(value);
    };
    const timeoutError = () =>
      new UnauthenticatedError(
        `${label} did not finish within ${seconds(timeoutMs)} and was stopped. Run it in a terminal: it must print a token and exit without asking for input (it gets none here).`,
      );
    const termTimer = setTimeout(() => {
      timedOut = true;
      signal('SIGTERM');
      killTimer = setTimeout(() => {
        signal('SIGKILL');
        finish(timeoutError());
      }, KILL_GRACE_MS);
    }, timeoutMs);
    out.onOverflow = () => {
      signal('SIGKILL');
      finish(
        new UnauthenticatedError(
          `${label} printed more than ${MAX_STDOUT >> 20} MB; a token is far shorter. Check the command and its arguments.`,
        ),
      );
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT')
        finish(
          new UnauthenticatedError(
            `${label} was not found. Check the profile's token command and that the program is on PATH.`,
          ),
        );
      else if (err.code === 'EACCES')
        finish(
          new UnauthenticatedError(
            `${label} cannot be run (permission denied). Check that it is an executable program.`,
          ),
        );
      else
        finish(
          new UnauthenticatedError(
            `${label} could not be run (${err.code ?? err.message}). Check the profile's token command.`,
          ),
        );
    });
    child.on('close', (code, sig) => {
      if (timedOut) return finish(timeoutError());
      if (code === 0) return finish(undefined, out.text());
      // Only stderr's first line, with anything token-like masked: a failing command may print the
      // token it got, or the one it was given, and this message reaches notifications and logs.
      const detail = redactTokenLike(errText.text().trim().split('\n')[0] ?? '').slice(0, 200);
      finish(
        new UnauthenticatedError(
          `${label} failed (exit ${String(code ?? sig)})${detail ? `: ${detail}` : ''}. Run it in a terminal to see why.`,
        ),
      );
    });
  });
}

/** Collects a stream's bytes up to `max`; past it calls `onOverflow` and keeps nothing more. */
function capture(stream: NodeJS.ReadableStream | null, max: number): { text(): string; onOverflow?: () => void } {
  const chunks: Buffer[] = [];
  let size = 0;
  const sink: { text(): string; onOverflow?: () => void } = { text: () => Buffer.concat(chunks).toString('utf8') };
  stream?.on('data', (chunk: Buffer) => {
    if (size > max) return;
    size += chunk.length;
    if (size > max) sink.onOverflow?.();
    else chunks.push(chunk);
  });
  return sink;
}

function seconds(ms: number): string {
  return `${ms < 10_000 ? Number((ms / 1000).toFixed(1)) : Math.round(ms / 1000)} s`;
}
