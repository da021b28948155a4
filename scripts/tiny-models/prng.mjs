// Seeded randomness for the tiny models. Everything the generator writes must be byte-identical on
// every run and every machine, so nothing here touches Math.random, the clock or the platform.

/**
 * 32-bit FNV-1a hash of a string's UTF-16 code units. Used to derive independent seeds from names
 * (e.g. one embedding direction per concept), so adding a word never reshuffles the others.
 * @param {string} text
 * @returns {number} an unsigned 32-bit integer
 */
export function hashString(text) {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

/**
 * Mulberry32: small, fast and good enough for filler weights. Math.imul and >>> keep every step in
 * exact 32-bit integer arithmetic, which is what makes the stream identical everywhere.
 * @param {number} seed
 * @returns {() => number} a function returning uniform floats in [0, 1)
 */
export function mulberry32(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * A seeded generator with the few distributions the models need.
 * @param {number | string} seed a number, or a name that is hashed into one
 */
export function createRng(seed) {
	const next = mulberry32(typeof seed === 'string' ? hashString(seed) : seed);
	return {
		/** @returns {number} uniform in [0, 1) */
		next,
		/**
		 * @param {number} low
		 * @param {number} high
		 * @returns {number} uniform in [low, high)
		 */
		uniform: (low, high) => low + (high - low) * next(),
		/** @returns {number} standard normal (Box-Muller; 1 - u avoids log(0)) */
		normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
		/**
		 * @param {number} length
		 * @param {number} scale
		 * @returns {Float32Array} uniform noise in [-scale, scale)
		 */
		noise(length, scale) {
			const out = new Float32Array(length);
			for (let i = 0; i < length; i++) out[i] = (2 * next() - 1) * scale;
			return out;
		}
	};
}

/**
 * A random unit vector whose direction depends only on `name`. Random directions in a few hundred
 * dimensions are nearly orthogonal, which is what makes bag-of-concepts embeddings work.
 * @param {string} name
 * @param {number} dim
 * @returns {Float32Array}
 */
export function unitVector(name, dim) {
	const rng = createRng(`direction:${name}`);
	const out = new Float32Array(dim);
	let norm = 0;
	for (let i = 0; i < dim; i++) {
		out[i] = rng.normal();
		norm += out[i] * out[i];
	}
	norm = Math.sqrt(norm);
	for (let i = 0; i < dim; i++) out[i] /= norm;
	return out;
}
