import * as v from 'valibot';

interface SettingDef<TSchema extends v.GenericSchema> {
	schema: TSchema;
	fallback: v.InferOutput<TSchema>;
	/** Secrets (API keys) stay on this device: never exported, logged or synced. */
	secret: boolean;
}

function setting<TSchema extends v.GenericSchema>(
	schema: TSchema,
	fallback: v.InferOutput<TSchema>,
	{ secret = false } = {}
): SettingDef<TSchema> {
	return { schema, fallback, secret };
}

/** Every setting the app reads, with its schema and the value used when it is unset. */
export const SETTINGS = {
	'presets.seeded': setting(v.boolean(), false),
	'storage.persistRequested': setting(v.boolean(), false),
	'profile.onboarded': setting(v.boolean(), false)
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = v.InferOutput<(typeof SETTINGS)[K]['schema']>;

export function isSecretSetting(key: string): boolean {
	return key in SETTINGS && SETTINGS[key as SettingKey].secret;
}

/** Parses a stored value; an invalid or missing one yields the fallback. */
export function readSetting<K extends SettingKey>(key: K, stored: unknown): SettingValue<K> {
	const def = SETTINGS[key];
	const result = v.safeParse(def.schema, stored);
	return (result.success ? result.output : def.fallback) as SettingValue<K>;
}

/** Validates a value about to be stored (or imported) for a known key. Unknown keys pass. */
export function settingIssue(key: string, value: unknown): string | undefined {
	if (!(key in SETTINGS)) return undefined;
	const result = v.safeParse(SETTINGS[key as SettingKey].schema, value);
	return result.success ? undefined : result.issues[0].message;
}
