import { createChecker, type TextChecker } from './checker';
import { nodeFiles } from './files.node';

/** The deterministic layer in Node (tests, bench, a worker_threads worker), files from disk. */
export function createNodeChecker(language = 'de'): Promise<TextChecker> {
	return createChecker(language, nodeFiles);
}
