import type { EventBus } from '$lib/events';
import type { KompanionDb } from '../database';
import { CompanionRepo } from './companions';
import { LifeRepo } from './life';
import { ConversationRepo } from './conversations';
import { MemoryRepo } from './memories';
import { MessageRepo } from './messages';
import { ProfileRepo } from './profile';
import { RecordingRepo } from './recordings';
import { ScenarioRepo } from './scenarios';
import { SettingsRepo } from './settings';
import { VocabularyRepo } from './vocabulary';
import { CorrectionRepo, LevelSampleRepo } from './tutor';

export type { NewMessage, MessagePatch } from './messages';
export type { ProfileDraft } from './profile';
export type { CorrectionPatch, NewCorrectionRecord, NewLevelSample } from './tutor';
export type { NewRecording, PlayableChunks } from './recordings';

/** Every repo over one database. Repos are the only code that writes. */
export function createRepos(db: KompanionDb, bus: EventBus) {
	return {
		companions: new CompanionRepo(db, bus),
		corrections: new CorrectionRepo(db, bus),
		levelSamples: new LevelSampleRepo(db, bus),
		life: new LifeRepo(db, bus),
		conversations: new ConversationRepo(db, bus),
		memories: new MemoryRepo(db, bus),
		messages: new MessageRepo(db, bus),
		profile: new ProfileRepo(db, bus),
		recordings: new RecordingRepo(db, bus),
		scenarios: new ScenarioRepo(db, bus),
		settings: new SettingsRepo(db, bus),
		vocabulary: new VocabularyRepo(db, bus)
	};
}

export type Repos = ReturnType<typeof createRepos>;
export { CompanionRepo, ConversationRepo, MemoryRepo, MessageRepo, ProfileRepo, SettingsRepo };
export { RecordingRepo };
export { companionNamespace, namespacesFor } from './memories';
export type { MemoryAuthor, MemoryChange, MemoryDraft, MemoryPatch } from './memories';
export { VocabularyRepo, cardKey } from './vocabulary';
export type {
	CardPatch,
	CardReview,
	DayCount,
	NewVocabularyCard,
	ReviewDay,
	TodayReviews
} from './vocabulary';
export { ScenarioRepo } from './scenarios';
export { LifeRepo } from './life';
export type { LifeRow, NewLifeDay } from './life';
export type { GoalTick, NewRun, RunRecap, ScenarioDraft } from './scenarios';
