import * as v from 'valibot';

/**
 * A row version: a hybrid logical clock reading written as one string,
 * `<wall ms, base 36, 9 digits>-<counter, base 36, 4 digits>-<device id>`, e.g.
 * `0mj7x2k1c-0000-k3v9q2m8z1a4`.
 *
 * A string rather than an object because the fields have fixed widths, so plain string order is
 * clock order (`<` in JavaScript, `COLLATE "C"` or any collation in SQL, an IndexedDB index if sync
 * needs one), it is one JSON value in backups and one text column on a server, and it reads well
 * in devtools. The wall digits last until the year 5138; the counter allows 1.6 million writes
 * per millisecond before it borrows the next millisecond.
 */
export type Rev = string;

const WALL_DIGITS = 9;
const COUNTER_DIGITS = 4;
const MAX_COUNTER = 36 ** COUNTER_DIGITS - 1;
const REV_PATTERN = /^([0-9a-z]{9})-([0-9a-z]{4})-([0-9a-z]{4,32})$/;

/** What a row's `rev` must look like (backups and, later, rows from other devices). */
export const RevSchema = v.pipe(v.string(), v.regex(REV_PATTERN, 'Not a row version.'));
export const DeviceIdSchema = v.pipe(v.string(), v.regex(/^[0-9a-z]{4,32}$/, 'Not a device id.'));

export interface RevParts {
	/** Milliseconds since the epoch, as this device's clock (or a later one it heard of) read it. */
	wall: number;
	/** Orders readings within one millisecond. */
	counter: number;
	/** The device that made it; breaks ties, so two devices never make equal revs. */
	device: string;
}

export function formatRev({ wall, counter, device }: RevParts): Rev {
	return (
		wall.toString(36).padStart(WALL_DIGITS, '0') +
		'-' +
		counter.toString(36).padStart(COUNTER_DIGITS, '0') +
		'-' +
		device
	);
}

export function parseRev(rev: Rev): RevParts {
	const match = REV_PATTERN.exec(rev);
	if (!match) throw new TypeError(`Not a row version: ${rev}`);
	return { wall: parseInt(match[1], 36), counter: parseInt(match[2], 36), device: match[3] };
}

/** Negative when `a` is older than `b`, positive when newer, 0 when equal. Missing is oldest. */
export function compareRev(a: Rev | undefined, b: Rev | undefined): number {
	if (a === b) return 0;
	if (a === undefined) return -1;
	if (b === undefined) return 1;
	return a < b ? -1 : 1;
}

/** A new device id: 16 random base-36 digits (about 82 bits), no dashes. */
export function newDeviceId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (byte) => (byte % 36).toString(36)).join('');
}

/**
 * A hybrid logical clock (Kulkarni et al., 2014): its readings follow the wall clock when it moves
 * forward, never go back when it does not, and stay ahead of every rev it has been told about.
 * So a row written after another was read always gets a larger rev, whatever the wall clocks of
 * the devices involved say.
 */
export class HybridClock {
	#device: string | undefined;
	#wall = 0;
	#counter = 0;

	constructor(private readonly wallClock: () => number = Date.now) {}

	/** The device id revs end with; set once the database has read or made it. */
	get device(): string | undefined {
		return this.#device;
	}

	set device(id: string) {
		if (!v.is(DeviceIdSchema, id)) throw new TypeError(`Not a device id: ${id}`);
		this.#device = id;
	}

	/** A reading later than every earlier one of this clock and every rev it has observed. */
	now(): Rev {
		if (this.#device === undefined) {
			throw new Error('The row clock has no device id yet: the database is not open.');
		}
		const wall = this.wallClock();
		if (wall > this.#wall) {
			this.#wall = wall;
			this.#counter = 0;
		} else if (this.#counter < MAX_COUNTER) {
			this.#counter++;
		} else {
			this.#wall++;
			this.#counter = 0;
		}
		return formatRev({ wall: this.#wall, counter: this.#counter, device: this.#device });
	}

	/** Moves the clock past a rev made elsewhere (a row from a backup or another device). */
	observe(rev: Rev): void {
		const { wall, counter } = parseRev(rev);
		if (wall > this.#wall || (wall === this.#wall && counter > this.#counter)) {
			this.#wall = wall;
			this.#counter = counter;
		}
	}

	/** Merges a rev made elsewhere and returns a reading later than it and than this clock. */
	receive(rev: Rev): Rev {
		this.observe(rev);
		return this.now();
	}
}
