import { ValidationError } from '$lib/errors';
import type { KompanionDb } from '../database';
import { readSetting, settingIssue, type SettingKey, type SettingValue } from '../settings';
import { writeTx } from '../write';

export class SettingsRepo {
	constructor(private readonly db: KompanionDb) {}

	async get<K extends SettingKey>(key: K): Promise<SettingValue<K>> {
		const row = await this.db.settings.get(key);
		return readSetting(key, row?.value);
	}

	async set<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<void> {
		const issue = settingIssue(key, value);
		if (issue) {
			throw new ValidationError(`The setting was not saved: ${issue}`, [
				{ path: key, message: issue }
			]);
		}
		await writeTx(this.db, [this.db.settings], () => this.db.settings.put({ key, value }));
	}
}
