/**
 * A German stemmer for looking words up in the frequency bands: CISTEM (Weissweiler and Fraser,
 * "Developing a Stemmer for German Based on a Comparative Analysis of Publicly Available Stemmers",
 * GSCL 2017), in its case-insensitive form, because the frequency list is lower-case.
 *
 * Steps: lower-case; fold ä/ö/ü to a/o/u and ß to ss (so "Mütter" meets "Mutter" and a learner who
 * types "Strasse" meets "Straße"), and drop other accents ("Café"); drop a "ge" prefix before at least four letters ("gekauft" →
 * "kauft"); then strip endings from the right, at most one at a time, while more than three
 * letters remain: "em"/"er"/"nd" (words over five letters), then "t", then "e"/"s"/"n". "sch",
 * "ei", "ie" and doubled letters count as one letter while stripping, as in the paper.
 *
 * It conflates more than a lemmatiser would ("Wagen"/"wagen"), which for a frequency band means a
 * rare form borrows the band of a common one: the estimate leans low, never high, on such words.
 * The script that builds the bands (scripts/build-word-bands.mjs) runs this same function.
 */
export function stemGerman(word: string): string {
	let w = word
		.toLowerCase()
		.replaceAll('ü', 'u')
		.replaceAll('ö', 'o')
		.replaceAll('ä', 'a')
		.replaceAll('ß', 'ss')
		.normalize('NFD')
		.replace(/\p{M}/gu, '');
	w = w.replace(/^ge(.{4,})/, '$1');
	w = w.replaceAll('sch', '$').replaceAll('ei', '%').replaceAll('ie', '&');
	w = w.replace(/(.)\1/g, '$1*');
	while (w.length > 3) {
		if (w.length > 5) {
			const before = w;
			w = w.replace(/e[mr]$/, '');
			if (w !== before) continue;
			w = w.replace(/nd$/, '');
			if (w !== before) continue;
		}
		const before = w;
		w = w.replace(/t$/, '');
		if (w !== before) continue;
		w = w.replace(/[esn]$/, '');
		if (w === before) break;
	}
	w = w.replace(/(.)\*/g, '$1$1');
	return w.replaceAll('&', 'ie').replaceAll('%', 'ei').replaceAll('$', 'sch');
}
