export * from './app-error';
export { isAbortError, isQuotaError, toAppError } from './normalize';
export {
	attempt,
	reportError,
	setErrorPresenter,
	type ErrorAction,
	type ErrorPresenter,
	type ReportOptions
} from './report';
