/** A deliberately pessimistic token estimate (German runs ~3.5 characters per token). */
export function estimateTokens(text: string): number {
	return Math.ceil(text.length / 3) + 4;
}
