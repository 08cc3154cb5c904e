// What a refused trigger means, said for a trigger (the server's words stay in the Airflow output). No vscode here.
import { ConflictError, ForbiddenError, isAirflowError, NotFoundError, ValidationError } from '../airflow';

/** Turns the server's refusal of a trigger into a message that names the DAG (and run id); other errors pass through. */
export function explainTriggerError(err: unknown, dagId: string, runId?: string): unknown {
  if (!isAirflowError(err)) return err;
  if (err instanceof ConflictError) {
    const which = runId ? `with id "${runId}"` : 'with this id';
    return new ConflictError(
      `Cannot trigger ${dagId}: a run ${which} already exists (409). Choose another run id.`,
      err.status,
    );
  }
  if (err instanceof ForbiddenError) {
    return new ForbiddenError(
      `Cannot trigger ${dagId}: your Airflow role may not trigger this DAG (403). Ask an Airflow admin for the permission to edit DAG runs of it.`,
      err.status,
    );
  }
  if (err instanceof NotFoundError) {
    return new NotFoundError(
      `Cannot trigger ${dagId}: the DAG is gone from the server (404); its file may no longer parse.`,
      err.status,
    );
  }
  if (err instanceof ValidationError) {
    // The message already lists the refused fields ("conf.count: …; logical_date: …").
    return new ValidationError(
      `Cannot trigger ${dagId}: ${err.message.replace(/^Airflow refused the request/, 'Airflow refused it')}`,
      err.status,
    );
  }
  return err;
}
