// An answer that parses as JSON but is not shaped as Airflow's (a list without its items, a number
// where an object belongs) must not reach the caller as a TypeError from deep in the mapping code.
import { isAirflowError, NotAirflowError } from './errors';

/** JavaScript's own errors from reading a value of another shape than expected. */
function isShapeError(err: unknown): err is Error {
  return err instanceof TypeError || err instanceof RangeError || err instanceof SyntaxError;
}

/** The error a caller gets for an answer of the wrong shape: typed, saying what to check. */
function wrongShapeError(root: string, err: Error): NotAirflowError {
  return new NotAirflowError(
    `${root} answered with data that Airflow's REST API does not send (${err.message.slice(0, 120)}). Check that the URL is the Airflow web server itself, and that its version is supported.`,
  );
}

/** `ops` whose methods turn a shape error into NotAirflowError; typed errors and values pass as they are. */
export function shapeChecked<T extends object>(ops: T, root: string): T {
  return new Proxy(ops, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const fail = (err: unknown) => {
          throw !isAirflowError(err) && isShapeError(err) ? wrongShapeError(root, err) : err;
        };
        try {
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          return result instanceof Promise ? result.catch(fail) : result;
        } catch (err) {
          return fail(err);
        }
      };
    },
  });
}
