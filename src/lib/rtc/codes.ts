/**
 * Room codes: eight letters and digits without look-alikes (no 0/o, 1/l/i), shown as `abcd-efgh`.
 * Codes can be guessed, so the host admits every joiner; the code only finds the room.
 */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const LENGTH = 8;
const PREFIX = 'kompanion-';

export function makeCode(random: (n: number) => number = randomIndex): string {
	let code = '';
	for (let i = 0; i < LENGTH; i++) code += ALPHABET[random(ALPHABET.length)];
	return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** A typed or pasted code in its canonical form, or null when it cannot be one. */
export function normaliseCode(input: string): string | null {
	const plain = input.toLowerCase().replace(/[\s-]+/g, '');
	if (plain.length !== LENGTH || [...plain].some((c) => !ALPHABET.includes(c))) return null;
	return `${plain.slice(0, 4)}-${plain.slice(4)}`;
}

/** The host's PeerJS id for a room. */
export function roomPeerId(code: string): string {
	return `${PREFIX}${code}`;
}

/** A joiner's PeerJS id: random, so it tells nothing about the person. */
export function memberPeerId(random: (n: number) => number = randomIndex): string {
	let id = '';
	for (let i = 0; i < 16; i++) id += ALPHABET[random(ALPHABET.length)];
	return `${PREFIX}m-${id}`;
}

function randomIndex(n: number): number {
	const buffer = new Uint32Array(1);
	crypto.getRandomValues(buffer);
	return buffer[0] % n;
}
