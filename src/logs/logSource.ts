// Where a log session reads from: one try of one task instance, and what the server says of that try.
import type { LineSink, LogStreamEnd } from '../airflow';
import type { TryInfo } from './logHints';

export interface TryStatus {
  /** The task instance's latest try (undefined: no such task instance in the run). */
  current: TryInfo | undefined;
  /** The state of the try this session reads, when the server says (earlier tries have their own). */
  tryState?: string | null;
}

/** Where a session reads from: one try of one task instance. */
export interface LogSource {
  status(): Promise<TryStatus>;
  /**
   * One chunk of the log, its lines handed to `sink` as they arrive (awaited: a slow tab slows the
   * reading). `ended`: the try is over, so its whole log may come in one streamed answer.
   */
  read(token: string | null, sink: LineSink, ended: boolean): Promise<LogStreamEnd>;
  /** A read without a token answers with the whole log as it is now (Airflow 3's API; Airflow 2 pages it). */
  readonly wholeFromStart?: boolean;
}
