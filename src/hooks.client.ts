import type { HandleClientError } from '@sveltejs/kit';
import { reportError } from '$lib/errors';

/** Errors thrown while loading or rendering a route go through the one reporting path. */
export const handleError: HandleClientError = ({ error, status }) => {
	if (status === 404) return { message: 'This page does not exist.', code: 'route/not-found' };
	const appError = reportError(error, { context: 'showing this page', silent: true });
	return { message: appError?.message ?? 'Something went wrong.', code: appError?.code };
};
