import { generateTinyModels } from '../scripts/tiny-models/index.mjs';

/** Generates the tiny test models once per run (skipped when up to date). */
export default async function setup() {
	await generateTinyModels();
}
