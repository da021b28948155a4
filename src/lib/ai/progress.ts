/** How far a model load has come; every model family (LLM, speech, embeddings) reports this. */
export interface LoadProgress {
	/** 0..1 overall, when known. */
	progress: number;
	/** What is happening, for people: "Downloading weights (3 of 12)". */
	text: string;
	loadedBytes?: number;
	totalBytes?: number;
}
