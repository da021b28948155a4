import * as v from 'valibot';
import { ValidationError, type FieldIssue } from '$lib/errors';
import type { EventBus } from '$lib/events';
import type { KompanionDb } from '../database';
import {
	SETTING_KEYS,
	SETTINGS,
	isSettingKey,
	readSetting,
	type SettingKey,
	type SettingValue,
	type SettingValues,
	type SettingsPatch
} from '../settings';
import { writeTx } from '../write';

/** Stored settings are JSON-like (numbers, strings, arrays, plain objects): equal when they print alike. */
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class SettingsRepo {
	constructor(
		private readonly db: KompanionDb,
		private readonly bus: EventBus
	) {}

	async get<K extends SettingKey>(key: K): Promise<SettingValue<K>> {
		const row = await this.db.settings.get(key);
		return readSetting(key, row?.value);
	}

	/** Several settings in one read. */
	async getMany<K extends SettingKey>(keys: readonly K[]): Promise<Pick<SettingValues, K>> {
		const rows = await this.db.settings.bulkGet([...keys]);
		return Object.fromEntries(
			keys.map((key, i) => [key, readSetting(key, rows[i]?.value)])
		) as Pick<SettingValues, K>;
	}

	/** Every setting, stored or default. */
	all(): Promise<SettingValues> {
		return this.getMany(SETTING_KEYS);
	}

	set<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<readonly SettingKey[]> {
		return this.setMany({ [key]: value });
	}

	/**
	 * Saves several settings in one transaction: every value is checked first, and one that is
	 * not valid saves none (a ValidationError with an issue per key). Values are stored as their
	 * schemas output them (addresses trimmed). Emits `settings:changed` with the keys whose value
	 * differs from before, if any, and returns them.
	 */
	async setMany(patch: SettingsPatch): Promise<readonly SettingKey[]> {
		const rows: { key: SettingKey; value: unknown }[] = [];
		const issues: FieldIssue[] = [];
		for (const [key, value] of Object.entries(patch)) {
			if (value === undefined) continue;
			if (!isSettingKey(key)) {
				issues.push({ path: key, message: 'This is not a setting.' });
				continue;
			}
			const result = v.safeParse(SETTINGS[key].schema, value);
			if (result.success) rows.push({ key, value: result.output });
			else issues.push({ path: key, message: result.issues[0].message });
		}
		if (issues.length) {
			throw new ValidationError(`The settings were not saved: ${issues[0].message}`, issues);
		}
		if (rows.length === 0) return [];
		const changed = await writeTx(this.db, [this.db.settings], async () => {
			const before = await this.db.settings.bulkGet(rows.map((row) => row.key));
			const differing = rows.filter(
				(row, i) => !same(readSetting(row.key, before[i]?.value), row.value)
			);
			if (differing.length) await this.db.settings.bulkPut(differing);
			return differing.map((row) => row.key);
		});
		if (changed.length) this.bus.emit('settings:changed', { keys: changed });
		return changed;
	}
}
