import * as v from 'valibot';

/** The bounds of a whole-number setting; forms take their min, max and step from here. */
export interface SettingRange {
	min: number;
	max: number;
	/** The granularity a slider or number field offers (any whole number in range is valid). */
	step: number;
}

interface SettingDef<TSchema extends v.GenericSchema> {
	schema: TSchema;
	fallback: v.InferOutput<TSchema>;
	/** Secrets (API keys) stay on this device: never exported, logged or synced. */
	secret: boolean;
	range?: SettingRange;
}

function setting<TSchema extends v.GenericSchema>(
	schema: TSchema,
	fallback: v.InferOutput<TSchema>,
	{ secret = false } = {}
): SettingDef<TSchema> {
	return { schema, fallback, secret };
}

/** A whole number within `range`; the schema and the forms share the one range. */
function wholeNumber(range: SettingRange, fallback: number, what: string, unit: string) {
	const message = `${what} is a whole number of ${unit} from ${range.min} to ${range.max}.`;
	const schema = v.pipe(
		v.number(message),
		v.integer(message),
		v.minValue(range.min, message),
		v.maxValue(range.max, message)
	);
	return { ...setting(schema, fallback), range };
}

const HttpUrl = v.pipe(
	v.string(),
	v.trim(),
	v.url('Enter a full address, e.g. http://localhost:11434.'),
	v.regex(/^https?:\/\//i, 'The address must start with http:// or https://.')
);

/** A model the person added by hand: a WebLLM build or an ONNX repository, from any source. */
export const CustomModelSchema = v.object({
	id: v.pipe(v.string(), v.trim(), v.nonEmpty('Give the model a name.'), v.maxLength(120)),
	engine: v.picklist(['webllm', 'onnx']),
	/** WebLLM: URL of the MLC weights folder. */
	modelUrl: v.optional(HttpUrl),
	/** WebLLM: URL of the compiled model library (.wasm). */
	libUrl: v.optional(HttpUrl),
	/** ONNX: quantisation to load (q4, q4f16, fp32, …); empty uses the model's config. */
	dtype: v.optional(v.pipe(v.string(), v.maxLength(20))),
	contextWindow: v.optional(v.pipe(v.number(), v.integer(), v.minValue(512), v.maxValue(131072)))
});
export type CustomModel = v.InferOutput<typeof CustomModelSchema>;

/** Every setting the app reads, with its schema and the value used when it is unset. */
export const SETTINGS = {
	'presets.seeded': setting(v.boolean(), false),
	'storage.persistRequested': setting(v.boolean(), false),
	'profile.onboarded': setting(v.boolean(), false),
	/** Which engine runs the companion's mind; `auto` follows the device check. */
	'llm.engine': setting(v.picklist(['auto', 'webllm', 'onnx', 'endpoint']), 'auto'),
	/** A catalogue id or a custom model id; empty: the recommendation for this device. */
	'llm.model': setting(v.pipe(v.string(), v.maxLength(120)), ''),
	/** Context window cap in tokens; 0: the model's own. Smaller saves GPU memory. */
	'llm.contextTokens': setting(v.picklist([0, 1024, 2048, 4096, 8192]), 0),
	'llm.customModels': setting(v.pipe(v.array(CustomModelSchema), v.maxLength(50)), []),
	/** A mirror serving model files at `<url>/<model-id>/<file>`; empty: Hugging Face. */
	'llm.source': setting(v.union([v.literal(''), HttpUrl]), ''),
	'llm.endpoint': setting(
		v.object({
			url: v.union([v.literal(''), HttpUrl]),
			model: v.pipe(v.string(), v.maxLength(200))
		}),
		{ url: '', model: '' }
	),
	'llm.endpoint.apiKey': setting(v.pipe(v.string(), v.maxLength(500)), '', { secret: true }),
	/** Speech recognition: a catalogue id (whisper-base) or any Whisper repository id. */
	'speech.sttModel': setting(v.pipe(v.string(), v.maxLength(120)), ''),
	/** Advanced: one VITS model for every neural voice (a mirror's own voice, tests). */
	'speech.voiceModel': setting(v.pipe(v.string(), v.maxLength(120)), ''),
	/** Silence that ends the person's turn, in ms. */
	'speech.silenceMs': wholeNumber(
		{ min: 200, max: 2000, step: 50 },
		400,
		'The pause that ends a turn',
		'milliseconds'
	),
	/**
	 * The optional D-ID avatar (lib/avatar/did/): off until the person turns it on with their own
	 * key. `sourceUrl`: the photo (a web address, or where D-ID keeps an uploaded one); `voice`: a
	 * voice of a text-to-speech provider D-ID offers; `apiBase`: D-ID's API (tests: the stand-in);
	 * `noticeSeen`: the person read what leaves the device.
	 */
	'avatar.did': setting(
		v.object({
			enabled: v.boolean(),
			sourceUrl: v.union([
				v.literal(''),
				v.pipe(
					v.string(),
					v.trim(),
					v.maxLength(2000),
					v.url('Enter the photo’s full address, e.g. https://example.com/me.jpg.'),
					v.regex(/^(https?|s3):\/\//i, 'The photo’s address must start with https://.')
				)
			]),
			voice: v.object({
				type: v.picklist(['microsoft', 'elevenlabs', 'amazon', 'google']),
				voice_id: v.pipe(v.string(), v.trim(), v.nonEmpty('Choose a voice.'), v.maxLength(120))
			}),
			apiBase: HttpUrl,
			noticeSeen: v.boolean()
		}),
		{
			enabled: false,
			sourceUrl: '',
			voice: { type: 'microsoft', voice_id: 'de-DE-KatjaNeural' },
			apiBase: 'https://api.d-id.com',
			noticeSeen: false
		}
	),
	'avatar.did.apiKey': setting(v.pipe(v.string(), v.maxLength(500)), '', { secret: true }),
	/**
	 * Preemptive reply: the call starts the reply as soon as the person pauses, before the
	 * end-of-turn silence has elapsed, and throws it away unheard if they go on (lib/call).
	 */
	'speech.preemptiveReply': setting(v.boolean(), true),
	/**
	 * Streaming recognition: transcribe the utterance in pieces while the person speaks. `auto`: on
	 * where Whisper runs on a GPU (on the CPU each piece costs a whole encoder pass).
	 */
	'speech.streamingRecognition': setting(v.picklist(['auto', 'on', 'off']), 'auto'),
	/** Show the call's latency overlay. */
	'call.debug': setting(v.boolean(), false),
	/** Sentence-embedding model for memory search; empty: the catalogue's default. */
	'memory.embedModel': setting(v.pipe(v.string(), v.maxLength(120)), ''),
	/** Let memory formation delete memories the model finds wrong (off: it can only add and update). */
	'memory.modelDeletes': setting(v.boolean(), false),
	/** Quiet time after a reply before memory formation reads the conversation, in seconds. */
	'memory.quietSeconds': wholeNumber({ min: 5, max: 600, step: 1 }, 20, 'The pause', 'seconds'),
	/** Vocabulary review: new cards started a day, and cards reviewed a day (new ones included). */
	'review.newPerDay': wholeNumber({ min: 0, max: 200, step: 1 }, 20, 'New cards a day', 'cards'),
	'review.maxPerDay': wholeNumber({ min: 1, max: 2000, step: 1 }, 200, 'Reviews a day', 'cards'),
	/**
	 * Calls between people: the PeerJS signalling server and STUN/TURN servers (lib/rtc/). Empty
	 * fields use the build's default; the invite link carries them to the guest.
	 */
	'rtc.server': setting(
		v.object({
			host: v.pipe(v.string(), v.trim(), v.maxLength(253)),
			port: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535)),
			path: v.pipe(v.string(), v.trim(), v.maxLength(200)),
			key: v.pipe(v.string(), v.trim(), v.maxLength(100)),
			secure: v.boolean(),
			/** STUN/TURN addresses, one a line; none: calls work on one network only. */
			ice: v.pipe(v.string(), v.maxLength(3000)),
			iceUsername: v.pipe(v.string(), v.maxLength(200)),
			iceCredential: v.pipe(v.string(), v.maxLength(200))
		}),
		{
			host: '',
			port: 0,
			path: '',
			key: '',
			secure: false,
			ice: '',
			iceUsername: '',
			iceCredential: ''
		}
	)
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = v.InferOutput<(typeof SETTINGS)[K]['schema']>;
/** Every setting with a value: what the settings store holds. */
export type SettingValues = { [K in SettingKey]: SettingValue<K> };
/** Some settings, to be saved together. */
export type SettingsPatch = Partial<SettingValues>;
/** The settings that are whole numbers within a range. */
export type RangedSettingKey = {
	[K in SettingKey]: (typeof SETTINGS)[K] extends { range: SettingRange } ? K : never;
}[SettingKey];

type AnyPicklist = v.PicklistSchema<v.PicklistOptions, v.ErrorMessage<v.PicklistIssue> | undefined>;

/** The settings that take one of a fixed list of values. */
export type ChoiceSettingKey = {
	[K in SettingKey]: (typeof SETTINGS)[K]['schema'] extends AnyPicklist ? K : never;
}[SettingKey];

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
	return Object.hasOwn(SETTINGS, key);
}

/** The value a setting has until it is saved. */
export function settingDefault<K extends SettingKey>(key: K): SettingValue<K> {
	return structuredClone(SETTINGS[key].fallback) as SettingValue<K>;
}

/** The range of a whole-number setting, for a slider's or a number field's bounds. */
export function settingRange(key: RangedSettingKey): SettingRange {
	return SETTINGS[key].range;
}

/** The values a choice setting takes, in the schema's order, for a form's options. */
export function settingOptions<K extends ChoiceSettingKey>(key: K): readonly SettingValue<K>[] {
	return (SETTINGS[key] as { schema: AnyPicklist }).schema.options as readonly SettingValue<K>[];
}

export function isSecretSetting(key: string): boolean {
	return isSettingKey(key) && SETTINGS[key].secret;
}

/** Parses a stored value; an invalid or missing one yields the fallback. */
export function readSetting<K extends SettingKey>(key: K, stored: unknown): SettingValue<K> {
	const def = SETTINGS[key];
	const result = v.safeParse(def.schema, stored);
	return (result.success ? result.output : def.fallback) as SettingValue<K>;
}

/** Validates a value about to be stored (or imported) for a known key. Unknown keys pass. */
export function settingIssue(key: string, value: unknown): string | undefined {
	if (!isSettingKey(key)) return undefined;
	const result = v.safeParse(SETTINGS[key].schema, value);
	return result.success ? undefined : result.issues[0].message;
}
