import { DAY_MS, MINUTE_MS } from './types';

/** A short, readable interval for a rating button: "1 min", "10 min", "3 h", "4 d", "2 mo", "1.5 y". */
export function formatInterval(ms: number): string {
	const minutes = Math.max(1, Math.round(ms / MINUTE_MS));
	if (minutes < 60) return `${minutes} min`;
	const hours = Math.round(minutes / 60);
	if (hours < 24) return `${hours} h`;
	const days = Math.round(ms / DAY_MS);
	if (days < 31) return `${days} d`;
	const months = days / 30.4;
	if (months < 12) return `${Math.round(months)} mo`;
	const years = days / 365;
	return `${years < 10 ? Math.round(years * 10) / 10 : Math.round(years)} y`;
}

/** The interval in words, for screen readers and the "next card" line: "in 10 minutes". */
export function describeInterval(ms: number): string {
	const short = formatInterval(ms);
	const [amount, unit] = short.split(' ');
	const words: Record<string, [string, string]> = {
		min: ['minute', 'minutes'],
		h: ['hour', 'hours'],
		d: ['day', 'days'],
		mo: ['month', 'months'],
		y: ['year', 'years']
	};
	const [one, many] = words[unit];
	return `in ${amount} ${amount === '1' ? one : many}`;
}
