/**
 * The k best of a stream of scored entries, without sorting the stream: a bounded min-heap whose
 * root is the worst entry kept, so each candidate costs O(1) when it cannot enter and O(log k) when
 * it can. Entries are integer refs; ties on the score go to the smaller id (UTF-16 code-unit order),
 * so the result does not depend on where entries happen to be stored.
 */
export class TopK {
	#scores = new Float64Array(16);
	#refs = new Int32Array(16);
	#size = 0;
	#k = 0;

	/** `idOf` names a ref, for breaking ties; called only on exactly equal scores. */
	constructor(private readonly idOf: (ref: number) => string) {}

	/** Empties the heap and sets its bound; reuses its arrays (no allocation when k shrinks). */
	reset(k: number): void {
		if (k > this.#scores.length) {
			this.#scores = new Float64Array(k);
			this.#refs = new Int32Array(k);
		}
		this.#k = k;
		this.#size = 0;
	}

	/** A candidate scoring below this cannot enter; one scoring exactly this may, on its id. */
	get threshold(): number {
		return this.#size < this.#k ? -Infinity : this.#scores[0];
	}

	offer(score: number, ref: number): void {
		if (this.#k === 0) return;
		if (this.#size < this.#k) {
			this.#siftUp(this.#size++, score, ref);
		} else if (this.#worse(this.#scores[0], this.#refs[0], score, ref)) {
			this.#siftDown(0, score, ref);
		}
	}

	/** The entries kept, best first; empties the heap. */
	drain(): { ref: number; score: number }[] {
		const out = new Array<{ ref: number; score: number }>(this.#size);
		while (this.#size > 0) {
			out[this.#size - 1] = { ref: this.#refs[0], score: this.#scores[0] };
			const last = --this.#size;
			if (last > 0) this.#siftDown(0, this.#scores[last], this.#refs[last]);
		}
		return out;
	}

	/** Whether (scoreA, refA) ranks below (scoreB, refB). */
	#worse(scoreA: number, refA: number, scoreB: number, refB: number): boolean {
		if (scoreA !== scoreB) return scoreA < scoreB;
		return refA !== refB && this.idOf(refA) > this.idOf(refB);
	}

	#siftUp(index: number, score: number, ref: number): void {
		const scores = this.#scores;
		const refs = this.#refs;
		while (index > 0) {
			const parent = (index - 1) >> 1;
			if (!this.#worse(score, ref, scores[parent], refs[parent])) break;
			scores[index] = scores[parent];
			refs[index] = refs[parent];
			index = parent;
		}
		scores[index] = score;
		refs[index] = ref;
	}

	#siftDown(index: number, score: number, ref: number): void {
		const scores = this.#scores;
		const refs = this.#refs;
		const size = this.#size;
		for (;;) {
			let child = 2 * index + 1;
			if (child >= size) break;
			const right = child + 1;
			if (right < size && this.#worse(scores[right], refs[right], scores[child], refs[child])) {
				child = right;
			}
			if (!this.#worse(scores[child], refs[child], score, ref)) break;
			scores[index] = scores[child];
			refs[index] = refs[child];
			index = child;
		}
		scores[index] = score;
		refs[index] = ref;
	}
}
