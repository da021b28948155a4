export * from './app-error';
export { isAbortError, isQuotaError, toAppError } from './normalize';
export { attempt, reportError, type ReportOptions } from './report';
