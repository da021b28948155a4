/** The query parameter that starts a scenario in the chat or the call: `?scenario=<id>`. */
export const SCENARIO_PARAM = 'scenario';

/**
 * The scenario a chat or call address asks to start, or null. With hash routing the query sits
 * inside the hash (`#/companions/lena/chat?scenario=de-kino`), where SvelteKit's `page.url`
 * does not look; a query before the hash is read too.
 */
export function scenarioIdFrom(url: URL): string | null {
	const inHash = url.hash.indexOf('?');
	const hashQuery = inHash >= 0 ? new URLSearchParams(url.hash.slice(inHash + 1)) : null;
	const id = hashQuery?.get(SCENARIO_PARAM) ?? url.searchParams.get(SCENARIO_PARAM);
	return id && /^[\w-]{1,64}$/.test(id) ? id : null;
}
