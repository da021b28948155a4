// tiny-llm: a Qwen2-contract causal LM (input_ids, attention_mask, past_key_values.0.{key,value}
// -> logits, present.0.{key,value}) with a ChatML template and a byte-level BPE tokenizer that
// encodes any UTF-8 text. Under greedy decoding it answers every prompt with one of a few fixed
// scripts, chosen by trigger words in the prompt; see script-head.mjs for how.
import {
	addedToken,
	addedTokensDecoder,
	byteLevelTokenizer,
	BYTE_TO_CHAR,
	toByteLevel
} from './byte-level.mjs';
import { DataType, encodeModel, GraphBuilder } from './onnx-graph.mjs';
import { addScriptHead, scriptHeadDim } from './script-head.mjs';
import { allocateScriptTokens, dedupeTexts } from './script-tokens.mjs';

/** The answer to any prompt without a trigger word: a German tutor greeting of ~50 tokens. */
export const LLM_DEFAULT_REPLY =
	'Hallo! Schön, dich zu sehen. Wie geht es dir heute? Erzähl mir, was du am Wochenende ' +
	'gemacht hast. Ich höre gern zu. Wenn du möchtest, üben wir danach ein paar neue Wörter. ' +
	'Sprich einfach langsam und deutlich, dann verstehe ich dich am besten.';

/** The id of a variant whose reply is long enough to stop, interrupt or crash mid-way in tests. */
export const LLM_LONG_ID = 'kompanion-test/tiny-llm-long';

/**
 * The long variant's reply: counting to 800, one token per number (script tokens must be unique,
 * so repeated words would merge into long tokens). Long enough to stop or crash mid-way.
 */
export const LLM_LONG_REPLY = `Gut, ich zähle bis 800: ${Array.from({ length: 800 }, (_, i) => i + 1).join(', ')}. Fertig!`;

/**
 * How the test person introduces herself, in chat and in the German audio fixture. The app's
 * memory-extraction prompt quotes her turns as `Person: …`, which is what selects the fact below.
 */
export const LLM_ANNA_INTRO = 'Hallo, ich heiße Anna und ich wohne in Hamburg.';

/** The memory-extraction answer to a conversation in which Anna introduced herself. */
export const LLM_MEMORY_JSON =
	'{"memories":[{"kind":"semantic","text":"The person\'s name is Anna and she lives in Hamburg.","importance":0.8}],"episode":"Anna introduced herself and told Lena where she lives."}';

/**
 * The answer to any other prompt containing "JSON" (every memory-extraction prompt does): nothing
 * worth remembering, so small talk in unrelated tests forms no memories.
 */
export const LLM_NO_MEMORY_JSON = '{"memories":[]}';

/**
 * Answers that show what reached the prompt: a remembered fact (English, as memory formation
 * writes it) selects one. A person's German "ich wohne in Hamburg" does not.
 */
export const LLM_RECALL_REPLIES = Object.freeze({
	'lives in Hamburg': 'Du wohnst doch in Hamburg, oder?',
	'lives in Munich': 'Du wohnst jetzt in München, richtig?'
});

/**
 * What the test learner says with mistakes, typed in the tutor's chat test and spoken by the
 * learner Whisper variant: the verb is not second and "mit" takes the dative (the tutor's rules
 * find both), and one makes ("trifft") a decision, which only the LLM pass finds.
 */
export const LLM_LEARNER_SENTENCE =
	'Gestern ich habe mit meine Freundin eine Entscheidung gemacht.';

/**
 * The tutor's correction pass (its prompt says "correction sheet") for the learner sentence: the
 * word order the rules also find (the merge keeps the rules' change), the word choice only the
 * LLM finds (kept), and a "correction" that misspells a word the learner spelled right (dropped
 * by the merge). For any other message the changes are not in the text, so the app drops them.
 */
export const LLM_CORRECTION_JSON = JSON.stringify({
	corrected: 'Gestern habe ich mit meiner Freundinn eine Entscheidung getroffen.',
	edits: [
		{
			original: 'ich habe',
			replacement: 'habe ich',
			category: 'verb-position',
			explanation: 'In a main clause the verb comes second.'
		},
		{
			original: 'Freundin',
			replacement: 'Freundinn',
			category: 'spelling',
			explanation: 'Spelling.'
		},
		{
			original: 'gemacht',
			replacement: 'getroffen',
			category: 'word-choice',
			explanation: 'In German you "make" no decision: "eine Entscheidung treffen".'
		}
	]
});

/**
 * @typedef {Object} LlmScript
 * @property {string} [trigger] a case-sensitive substring of the prompt that selects this script;
 *   omit it for the default answer (at most one script may omit it)
 * @property {string} text the exact text the model generates, followed by `<|im_end|>`
 */

/** Scripts in priority order: when several triggers occur, the earliest script in the list wins. */
export const DEFAULT_LLM_SCRIPTS = Object.freeze([
	Object.freeze({ trigger: 'Person: Hallo, ich heiße Anna', text: LLM_MEMORY_JSON }),
	Object.freeze({ trigger: 'correction sheet', text: LLM_CORRECTION_JSON }),
	Object.freeze({ trigger: 'JSON', text: LLM_NO_MEMORY_JSON }),
	...Object.entries(LLM_RECALL_REPLIES).map(([trigger, text]) => Object.freeze({ trigger, text })),
	Object.freeze({ text: LLM_DEFAULT_REPLY })
]);

export const LLM_ID = 'kompanion-test/tiny-llm';

/**
 * The life simulation's test model (`kompanion-test/tiny-llm-life`): a chat prompt that carries
 * Lena's Saturday at the Bäckerei Kaya (her life's routine) gets a reply that tells of it, so a
 * test sees that the day reached the prompt; the diary rewrite (its prompt says `diary rewrite`)
 * always gets a day that fails the schema, so the rewrite is asked again twice and then the
 * generator's day stays. Otherwise it behaves as the default model.
 */
export const LLM_LIFE_ID = 'kompanion-test/tiny-llm-life';
export const LLM_LIFE_REPLY =
	'Heute Morgen war ich in der Bäckerei Kaya und habe Brötchen geholt. Was hast du heute gemacht?';
export const LLM_LIFE_INVALID_DAY = '{"events": []}';
export const LLM_SPECIAL_TOKENS = Object.freeze(['<|endoftext|>', '<|im_start|>', '<|im_end|>']);
export const CHATML_TEMPLATE =
	"{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}" +
	"{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/**
 * @typedef {Object} TinyLlmOptions
 * @property {string} [id] model id (folder below the output root); default {@link LLM_ID}
 * @property {readonly LlmScript[]} [scripts] default {@link DEFAULT_LLM_SCRIPTS}
 */

/**
 * @typedef {Object} ModelFiles
 * @property {string} id the model id, e.g. `kompanion-test/tiny-llm`
 * @property {Record<string, Uint8Array | object>} files path inside the model folder -> ONNX bytes or JSON
 */

/**
 * BPE merges that make each trigger a single token, so one attention head can spot it. The
 * pre-tokenizer does not split on words (use_regex: false), so a trigger is found as a substring
 * anywhere, across spaces and punctuation.
 * @param {string[]} triggers
 * @returns {{ merges: [string, string][], tokens: string[], triggerStrings: string[] }}
 */
function triggerMerges(triggers) {
	/** @type {[string, string][]} */
	const merges = [];
	/** @type {string[]} */
	const tokens = [];
	const known = new Set(BYTE_TO_CHAR);
	const triggerStrings = triggers.map((trigger) => {
		const chars = [...toByteLevel(trigger)];
		let current = chars[0];
		for (const next of chars.slice(1)) {
			const merged = current + next;
			if (!known.has(merged)) {
				merges.push([current, next]);
				tokens.push(merged);
				known.add(merged);
			}
			current = merged;
		}
		return current;
	});
	return { merges, tokens, triggerStrings };
}

/**
 * Builds the tiny LLM's files.
 * @param {TinyLlmOptions} [options]
 * @returns {ModelFiles}
 */
export function buildTinyLlm({ id = LLM_ID, scripts = DEFAULT_LLM_SCRIPTS } = {}) {
	const defaults = scripts.filter((s) => s.trigger === undefined);
	if (defaults.length > 1) throw new Error('At most one LLM script may omit its trigger');
	if (scripts.some((s) => s.trigger === '')) throw new Error('An LLM trigger must not be empty');
	const triggered = scripts.filter((s) => s.trigger !== undefined);
	const triggers = triggered.map((s) => /** @type {string} */ (s.trigger));

	const { merges, tokens: mergeTokens, triggerStrings } = triggerMerges(triggers);
	const baseVocab = [...BYTE_TO_CHAR, ...mergeTokens];
	const { distinct, indexOf } = dedupeTexts(scripts.map((s) => s.text));
	const scriptVocab = allocateScriptTokens(
		distinct,
		[...baseVocab, ...LLM_SPECIAL_TOKENS],
		baseVocab.length
	);
	const modelVocab = [...baseVocab, ...scriptVocab.strings];
	const specials = LLM_SPECIAL_TOKENS.map((content, i) =>
		addedToken(modelVocab.length + i, content)
	);
	const [endOfText, , imEnd] = specials.map((t) => t.id);
	const vocabSize = modelVocab.length + specials.length;

	/** @type {import('./script-head.mjs').ScriptPlan} */
	const plan = {
		vocabSize,
		scripts: scriptVocab.tokens,
		triggers: triggered.map((s, i) => ({
			tokenId: modelVocab.indexOf(triggerStrings[i]),
			script: indexOf(s.text)
		})),
		defaultScript: defaults.length ? indexOf(defaults[0].text) : -1,
		eosId: imEnd
	};
	const D = scriptHeadDim(plan);

	const g = new GraphBuilder('tiny_llm');
	const inputIds = g.input('input_ids', DataType.INT64, ['batch_size', 'sequence_length']);
	const attentionMask = g.input('attention_mask', DataType.INT64, [
		'batch_size',
		'total_sequence_length'
	]);
	const pastShape = ['batch_size', 1, 'past_sequence_length', D];
	const pastKey = g.input('past_key_values.0.key', DataType.FLOAT, pastShape);
	const pastValue = g.input('past_key_values.0.value', DataType.FLOAT, pastShape);
	const head = addScriptHead(
		g,
		plan,
		{ inputIds, pastKey, pastValue, attentionMask },
		`${id}:bigram`
	);
	g.output('logits', head.logits, DataType.FLOAT, ['batch_size', 'sequence_length', vocabSize]);
	const presentShape = ['batch_size', 1, 'total_sequence_length', D];
	g.output('present.0.key', head.presentKey, DataType.FLOAT, presentShape);
	g.output('present.0.value', head.presentValue, DataType.FLOAT, presentShape);

	const tokenizer = byteLevelTokenizer({
		vocab: modelVocab,
		merges,
		added: specials,
		useRegex: false
	});
	const config = {
		architectures: ['Qwen2ForCausalLM'],
		model_type: 'qwen2',
		bos_token_id: endOfText,
		eos_token_id: imEnd,
		hidden_size: D,
		intermediate_size: D,
		num_attention_heads: 1,
		num_key_value_heads: 1,
		head_dim: D,
		num_hidden_layers: 1,
		max_position_embeddings: 32768,
		vocab_size: vocabSize,
		tie_word_embeddings: false,
		torch_dtype: 'float32',
		use_cache: true,
		'transformers.js_config': { dtype: 'fp32' },
		kompanion_tiny_model: { family: 'llm', scripts: scripts.map((s) => ({ ...s })) }
	};
	return {
		id,
		files: {
			'config.json': config,
			'generation_config.json': {
				bos_token_id: endOfText,
				eos_token_id: [imEnd, endOfText],
				pad_token_id: endOfText,
				do_sample: false,
				max_length: 32768
			},
			'tokenizer.json': tokenizer,
			'tokenizer_config.json': {
				add_bos_token: false,
				add_eos_token: false,
				added_tokens_decoder: addedTokensDecoder(specials),
				bos_token: null,
				chat_template: CHATML_TEMPLATE,
				clean_up_tokenization_spaces: false,
				eos_token: '<|im_end|>',
				errors: 'replace',
				model_max_length: 32768,
				pad_token: '<|endoftext|>',
				split_special_tokens: false,
				tokenizer_class: 'Qwen2Tokenizer',
				unk_token: null
			},
			'onnx/model.onnx': encodeModel(
				g,
				'Kompanion tiny LLM: answers with fixed scripts selected by trigger words.'
			)
		}
	};
}
