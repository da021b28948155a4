-- Kompanion sync, migration 1 of 4: one table per table the app syncs.
--
-- Every table has the same shape. A row is one row of the app's local database (IndexedDB):
--   user_id     whose row it is; filled in from the caller's session (auth.uid()), checked by RLS
--   id          the local row's key (a companion's id, a setting's key, 'me' for the profile)
--   rev         the row version, a hybrid logical clock reading written by the device that made
--               the change (src/lib/db/hlc.ts); its fixed-width digits sort as clock order in
--               byte order, hence collate "C"; the newer rev wins
--   updated_at  when the server stored this version (set here, never by a device): the cursor
--               devices pull changes by
--   deleted     a tombstone: the row was deleted on some device, so other devices delete it too
--   data        the row's fields as the app stores them (JSON); the app validates every pulled row
--               with the same schemas as backups, so a new field needs no migration here
-- Re-running this file is harmless.

create or replace function public.kompanion_stamp_row() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if tg_op = 'UPDATE' and new.rev <= old.rev then
		-- The stored version is as new or newer (two devices pushed, or a batch was sent again):
		-- keep it. Last writer by rev wins here too, whatever order pushes arrive in.
		return null;
	end if;
	new.updated_at := clock_timestamp();
	return new;
end
$$;

comment on function public.kompanion_stamp_row() is
	'Kompanion sync: sets updated_at (the pull cursor) on every write and skips updates that do not carry a newer rev.';

do $$
declare
	t record;
begin
	for t in
		select *
		from (
			values
				('profile', 'The person: name, native language (one row, id ''me'').'),
				('companions', 'Companions: name, persona, languages, voice, look, tutor and memory settings.'),
				('conversations', 'Chats and calls with a companion, with their running summary.'),
				('messages', 'One utterance each: role, text, status, metrics.'),
				('memories', 'What companions remember: facts, episodes, how to treat the person.'),
				('memory_versions', 'Every version of a memory, who changed it and why. Append-only: a version''s body never changes.'),
				('vocabulary', 'Vocabulary cards with their FSRS spaced-repetition state.'),
				('review_log', 'One row per card review (append-only; only "undone" changes), so reviews from several devices are all kept.'),
				('corrections', 'The tutor''s corrections of one learner message.'),
				('level_samples', 'Level estimates (CEFR) of learner messages and companion replies.'),
				('scenarios', 'Generated and written tutor role-plays with their goals.'),
				('scenario_runs', 'Each time a scenario was played: goals met, recap.'),
				('life_sim', 'A companion''s life-simulation state (id = the companion''s id).'),
				('settings', 'Settings (id = the setting''s key). Secrets such as API keys never sync.'),
				('recordings', 'Call recordings'' metadata only (title, length, size); the media are in the recordings bucket, uploaded only when the person asks.')
		) as tables (name, about)
	loop
		execute format(
			$sql$
			create table if not exists public.%I (
				user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
				id text not null check (char_length(id) between 1 and 200),
				rev text collate "C" not null check (rev ~ '^[0-9a-z]{9}-[0-9a-z]{4}-[0-9a-z]{4,32}$'),
				updated_at timestamptz not null default now(),
				deleted boolean not null default false,
				data jsonb not null default '{}'::jsonb check (jsonb_typeof(data) = 'object'),
				primary key (user_id, id)
			)
			$sql$,
			t.name
		);
		execute format('comment on table public.%I is %L', t.name, t.about);
		-- Pulls: "my rows stored after the cursor", in cursor order.
		execute format(
			'create index if not exists %I on public.%I (user_id, updated_at, id)',
			t.name || '_pull_idx',
			t.name
		);
		-- Conflict checks and "newest version" reads.
		execute format(
			'create index if not exists %I on public.%I (user_id, rev)',
			t.name || '_rev_idx',
			t.name
		);
		execute format(
			'create or replace trigger stamp_row before insert or update on public.%I '
				'for each row execute function public.kompanion_stamp_row()',
			t.name
		);
	end loop;
end
$$;

-- Secrets stay on the device (src/lib/db/settings.ts marks them); the app never sends them. This
-- is the backstop should a future version try: a setting whose key names a secret is refused.
do $$
begin
	if not exists (
		select 1 from pg_constraint
		where conname = 'settings_no_secrets' and conrelid = 'public.settings'::regclass
	) then
		alter table public.settings add constraint settings_no_secrets
			check (id !~* '(api_?key|secret|password|access_?token|refresh_?token|(^|\.)key$)');
	end if;
end
$$;
