// Summary statistics for the benchmarks: plain functions, usable in Node and in the browser benches.

/** @param {number[]} values */
export function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** @param {number[]} values @param {number} q 0..1 */
export function quantile(values, q) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** @param {number} value @param {number} digits */
export const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
