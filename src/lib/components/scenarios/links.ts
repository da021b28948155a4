import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import { SCENARIO_PARAM } from '$lib/tutor/scenarios/link';

/** Where a scenario starts: the chat or the call with the companion, with `?scenario=<id>`. */
export function scenarioHref(
	kind: 'chat' | 'call',
	companionId: string,
	scenarioId: string
): ResolvedPathname {
	// Appended, not put in the route: an empty optional segment would leave "chat/?scenario=".
	const base =
		kind === 'chat'
			? resolve('/companions/[id]/chat/[[conversation]]', { id: companionId })
			: resolve('/companions/[id]/call', { id: companionId });
	return `${base}?${SCENARIO_PARAM}=${encodeURIComponent(scenarioId)}` as ResolvedPathname;
}
