/**
 * Calendar days in the world's time zone: what day and time it is there, weekdays, Berlin's public
 * holidays, seasons and a seeded weather draw. Dates are `YYYY-MM-DD` strings; arithmetic runs on
 * UTC midnights, so no daylight-saving change moves a day.
 */
import { rng } from './random';

const DAY_MS = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
	let f = formats.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		});
		formats.set(timeZone, f);
	}
	return f;
}

/** The date and time at `ms` in `timeZone`: `{ date: 'YYYY-MM-DD', time: 'HH:MM' }`. */
export function localNow(ms: number, timeZone: string): { date: string; time: string } {
	const parts: Record<string, string> = {};
	for (const part of format(timeZone).formatToParts(ms)) parts[part.type] = part.value;
	return {
		date: `${parts.year}-${parts.month}-${parts.day}`,
		time: `${parts.hour}:${parts.minute}`
	};
}

const toMs = (date: string) =>
	Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
	return fromMs(toMs(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	return Math.round((toMs(to) - toMs(from)) / DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
	const day = new Date(toMs(date)).getUTCDay();
	return day === 0 ? 7 : day;
}

/** Easter Sunday (Gregorian; the anonymous algorithm). */
function easter(year: number): string {
	const a = year % 19;
	const b = Math.floor(year / 100);
	const c = year % 100;
	const d = Math.floor(b / 4);
	const e = b % 4;
	const f = Math.floor((b + 8) / 25);
	const g = Math.floor((b - f + 1) / 3);
	const h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4);
	const k = c % 4;
	const l = (32 + 2 * e + 2 * i - h - k) % 7;
	const m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31);
	const day = ((h + l - 7 * m + 114) % 31) + 1;
	return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const holidayCache = new Map<number, Map<string, string>>();

/** Berlin's public holidays of a year, date → name. */
export function berlinHolidays(year: number): Map<string, string> {
	let days = holidayCache.get(year);
	if (days) return days;
	const e = easter(year);
	days = new Map([
		[`${year}-01-01`, 'Neujahr'],
		[`${year}-03-08`, 'Frauentag'],
		[addDays(e, -2), 'Karfreitag'],
		[addDays(e, 1), 'Ostermontag'],
		[`${year}-05-01`, 'Tag der Arbeit'],
		[addDays(e, 39), 'Christi Himmelfahrt'],
		[addDays(e, 50), 'Pfingstmontag'],
		[`${year}-10-03`, 'Tag der Deutschen Einheit'],
		[`${year}-12-25`, 'Erster Weihnachtstag'],
		[`${year}-12-26`, 'Zweiter Weihnachtstag']
	]);
	holidayCache.set(year, days);
	return days;
}

export function holiday(date: string): string | undefined {
	return berlinHolidays(+date.slice(0, 4)).get(date);
}

export type Season = 'winter' | 'spring' | 'summer' | 'autumn';

export function season(date: string): Season {
	const month = +date.slice(5, 7);
	if (month === 12 || month <= 2) return 'winter';
	if (month <= 5) return 'spring';
	if (month <= 8) return 'summer';
	return 'autumn';
}

export interface Weather {
	kind: 'sonnig' | 'bewölkt' | 'regnerisch' | 'verschneit';
	/** Degrees Celsius at midday. */
	celsius: number;
	dry: boolean;
}

const CLIMATE: Record<Season, { mean: number; spread: number; wet: number }> = {
	winter: { mean: 2, spread: 5, wet: 0.45 },
	spring: { mean: 13, spread: 6, wet: 0.35 },
	summer: { mean: 24, spread: 5, wet: 0.25 },
	autumn: { mean: 12, spread: 6, wet: 0.4 }
};

/** The day's weather, a seeded draw from the season's climate (Berlin-like). */
export function weather(seed: number, date: string): Weather {
	const draw = rng(seed, `weather:${date}`);
	const climate = CLIMATE[season(date)];
	const celsius = Math.round(climate.mean + (draw.next() * 2 - 1) * climate.spread);
	if (draw.chance(climate.wet)) {
		return { kind: celsius <= 0 ? 'verschneit' : 'regnerisch', celsius, dry: false };
	}
	return { kind: draw.chance(0.5) ? 'sonnig' : 'bewölkt', celsius, dry: true };
}
