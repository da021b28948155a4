// Generates the real-shaped stand-in models (docs/real-shaped-models.md) under .cache/real-shaped.
// node scripts/make-real-shaped-models.mjs [--force] [qwen whisper-tiny whisper-base embed vits kokoro]
import { generateRealShaped } from './real-shaped/index.mjs';
import { REFERENCE, compare } from './real-shaped/reference.mjs';

const args = process.argv.slice(2);
const force = args.includes('--force');
const only = args.filter((a) => !a.startsWith('--'));
const results = await generateRealShaped({ force, only: only.length ? only : undefined });
for (const [name, result] of Object.entries(results)) {
	console.log(
		`\n${name} (${result.id}): ${(result.params / 1e6).toFixed(1)} M parameters, ${(result.bytes / 1e6).toFixed(0)} MB`
	);
	for (const line of compare(name, result, REFERENCE[name])) console.log(`  ${line}`);
}
