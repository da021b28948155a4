import { describe, expect, it } from 'vitest';
import { HybridClock, compareRev, formatRev, newDeviceId, parseRev } from '$lib/db/hlc';

function clockAt(start: number, device = 'aaaa') {
	const time = { now: start };
	const clock = new HybridClock(() => time.now);
	clock.device = device;
	return { clock, time };
}

describe('row versions (hybrid logical clock)', () => {
	it('sort as strings in clock order, whatever the digits', () => {
		const revs = [
			formatRev({ wall: 1_800_000_000_000, counter: 0, device: 'zzzz' }),
			formatRev({ wall: 35, counter: 1, device: 'aaaa' }),
			formatRev({ wall: 36, counter: 0, device: 'aaaa' }),
			formatRev({ wall: 35, counter: 36, device: 'aaaa' }),
			formatRev({ wall: 35, counter: 1, device: 'bbbb' })
		];
		const byParts = [...revs].sort((a, b) => {
			const [x, y] = [parseRev(a), parseRev(b)];
			return x.wall - y.wall || x.counter - y.counter || (x.device < y.device ? -1 : 1);
		});
		expect([...revs].sort(compareRev)).toEqual(byParts);
		expect([...revs].sort()).toEqual(byParts);
		expect(parseRev(revs[0])).toEqual({ wall: 1_800_000_000_000, counter: 0, device: 'zzzz' });
		expect(compareRev(undefined, revs[1])).toBe(-1);
		expect(compareRev(revs[1], revs[1])).toBe(0);
	});

	it('follow the wall clock forward and never go back when it does', () => {
		const { clock, time } = clockAt(1000);
		const first = clock.now();
		expect(parseRev(first)).toMatchObject({ wall: 1000, counter: 0, device: 'aaaa' });
		const second = clock.now(); // same millisecond
		expect(parseRev(second)).toMatchObject({ wall: 1000, counter: 1 });
		time.now = 400; // the wall clock was set back
		const third = clock.now();
		expect(parseRev(third)).toMatchObject({ wall: 1000, counter: 2 });
		time.now = 2000;
		expect(parseRev(clock.now())).toMatchObject({ wall: 2000, counter: 0 });
		expect([first, second, third].every((rev, i, all) => i === 0 || all[i - 1] < rev)).toBe(true);
	});

	it('receive a rev from a device whose clock is ahead and stay ahead of it', () => {
		const { clock } = clockAt(1000, 'aaaa');
		const remote = formatRev({ wall: 5000, counter: 7, device: 'bbbb' });
		const merged = clock.receive(remote);
		expect(parseRev(merged)).toMatchObject({ wall: 5000, counter: 8, device: 'aaaa' });
		expect(compareRev(merged, remote)).toBe(1);
		expect(compareRev(clock.now(), merged)).toBe(1);
		// An older remote rev does not move the clock back.
		expect(
			parseRev(clock.receive(formatRev({ wall: 10, counter: 0, device: 'bbbb' })))
		).toMatchObject({ wall: 5000, counter: 10 });
	});

	it('borrows the next millisecond when the counter runs out', () => {
		const { clock } = clockAt(1000);
		clock.observe(formatRev({ wall: 1000, counter: 36 ** 4 - 1, device: 'bbbb' }));
		expect(parseRev(clock.now())).toMatchObject({ wall: 1001, counter: 0 });
	});

	it('refuses to make a rev before it knows the device, and bad revs or device ids', () => {
		expect(() => new HybridClock().now()).toThrow(/no device id/);
		expect(() => parseRev('12-3-x')).toThrow(TypeError);
		expect(() => (new HybridClock().device = 'Not-An-Id')).toThrow(TypeError);
		const ids = new Set(Array.from({ length: 100 }, newDeviceId));
		expect(ids.size).toBe(100);
		expect([...ids].every((id) => /^[0-9a-z]{16}$/.test(id))).toBe(true);
	});
});
