import * as v from 'valibot';
import type { EventBus } from '$lib/events';
import { parseOrThrow } from '$lib/validation';
import { monotonicNow } from '../clock';
import type { KompanionDb } from '../database';
import { ProfileSchema, type Profile } from '../rows';
import { writeTx } from '../write';

const ProfileDraftSchema = v.object({
	name: v.pipe(v.string(), v.trim(), v.maxLength(60, 'Your name can be at most 60 characters.')),
	nativeLanguage: ProfileSchema.entries.nativeLanguage
});

export type ProfileDraft = v.InferOutput<typeof ProfileDraftSchema>;

export class ProfileRepo {
	constructor(
		private readonly db: KompanionDb,
		private readonly bus: EventBus
	) {}

	get(): Promise<Profile | undefined> {
		return this.db.profile.get('me');
	}

	async save(input: unknown): Promise<Profile> {
		const draft = parseOrThrow(ProfileDraftSchema, input, 'Your details were not saved.');
		const profile = await writeTx(this.db, [this.db.profile], async () => {
			const current = await this.db.profile.get('me');
			const now = monotonicNow();
			const next: Profile = {
				id: 'me',
				createdAt: current?.createdAt ?? now,
				...draft,
				updatedAt: now
			};
			await this.db.profile.put(next);
			return next;
		});
		this.bus.emit('data:saved', { table: 'profile' });
		return profile;
	}
}
