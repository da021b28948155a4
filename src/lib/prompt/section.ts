import type { Companion } from '$lib/companion/schema';
import type { Memory, Profile } from '$lib/db';

/** The memories chosen for one reply (by `memory/recall.ts`), as the prompt places them. */
export interface PromptMemories {
	/** Pinned by the person: always there, in a fixed order. */
	pinned: readonly Memory[];
	/** How the last conversation with this companion went. */
	episode?: Memory;
	/** Relevant to what was just said: they change from turn to turn. */
	relevant: readonly Memory[];
}

/** What the sections of a conversation's system prompt are rendered from. */
export interface PromptContext {
	companion: Companion;
	profile?: Profile;
	/** The companion's opening line of this conversation (it is not sent as a turn). */
	opening?: string;
	memories?: PromptMemories;
	/** Running summary of the older part of the conversation. */
	summary?: string;
}

/**
 * One part of the system prompt. Stable sections (persona, rules, pinned memories) change only
 * when the person changes something; volatile ones (recalled memories, the running summary) may
 * change every turn. Other features (tutor scenarios, the life simulation, calls between people)
 * add their own sections, with a context that extends `PromptContext`.
 */
export interface PromptSection<C extends PromptContext = PromptContext> {
	id: string;
	stable: boolean;
	/** The section's text, or null when it has nothing to say this turn. */
	render(context: C): string | null;
}

export interface SystemPrompt {
	text: string;
	/**
	 * The stable sections, which `text` starts with: two turns in which nothing stable changed
	 * share this prefix byte for byte (so an engine can reuse its KV cache for it).
	 */
	stable: string;
}

const SEPARATOR = '\n\n';

/** Renders the sections, the stable ones first, each in the order given. */
export function composeSystemPrompt<C extends PromptContext>(
	sections: readonly PromptSection<C>[],
	context: C
): SystemPrompt {
	const render = (stable: boolean) =>
		sections
			.filter((section) => section.stable === stable)
			.map((section) => section.render(context))
			.filter((text): text is string => !!text);
	const stable = render(true);
	const volatile = render(false);
	return {
		text: [...stable, ...volatile].join(SEPARATOR),
		stable: stable.join(SEPARATOR)
	};
}
