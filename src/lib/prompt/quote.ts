/** Quotes text that came from people or models so the model reads it as data, not orders. */
export function quoted(text: string): string {
	return `"""\n${text.replaceAll('"""', '”””')}\n"""`;
}
