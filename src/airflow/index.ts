// The Airflow client's public surface. Nothing under src/airflow imports `vscode`.
export { AirflowClient } from './client';
export type { ClientOptions } from './connect';
export { parseConf, validateConf } from './inputChecks';
export type { AuthConfig, AuthKind } from './auth';
export * from './errors';
export * from './model';
export type {
  ApiFeatures,
  ClearTasksOptions,
  DagFilter,
  RunFilter,
  SetTaskStateOptions,
  TaskSelector,
  TriggerOptions,
} from './operations';
export type { ProxyOptions } from './proxy';
export { checkClientCertificate, isEncryptedKey, type TlsOptions } from './tls';
export { formatTrace, type RequestTrace } from './trace';
export { parseBaseUrl, urlForMessage } from './baseUrl';
export type { LineSink, LogStreamEnd } from './logStream';
export { defaultAuthKind, isHeaderName } from './auth';
export { unsupportedMessage } from './versionGaps';
export { alreadyRead, HEAD_LINES, LogCursor, sourceHeaderLength, tokenReadFailed } from './logRestart';
export { dagWebUrl, isWebAddress, requireWebAddress, runWebUrl, taskWebUrl, webUiRoot } from './webUrls';
