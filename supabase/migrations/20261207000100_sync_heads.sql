-- Kompanion sync, migration 6: one cheap question for "has anything changed?". While the app is
-- open with sync on, it asks every second; only the tables whose newest updated_at moved past its
-- cursor are then pulled. security_invoker: the view runs with the caller's rights, so Row Level
-- Security applies to the tables below it and a person only ever sees their own rows' times (each
-- max() is one step down the (user_id, updated_at, id) index). anon gets nothing.
-- Re-running this file is harmless.

create or replace view public.sync_heads with (security_invoker = true) as
	select 'profile'::text as table_name, max(updated_at) as head from public.profile
	union all select 'companions', max(updated_at) from public.companions
	union all select 'conversations', max(updated_at) from public.conversations
	union all select 'messages', max(updated_at) from public.messages
	union all select 'memories', max(updated_at) from public.memories
	union all select 'memory_versions', max(updated_at) from public.memory_versions
	union all select 'vocabulary', max(updated_at) from public.vocabulary
	union all select 'review_log', max(updated_at) from public.review_log
	union all select 'corrections', max(updated_at) from public.corrections
	union all select 'level_samples', max(updated_at) from public.level_samples
	union all select 'scenarios', max(updated_at) from public.scenarios
	union all select 'scenario_runs', max(updated_at) from public.scenario_runs
	union all select 'life_sim', max(updated_at) from public.life_sim
	union all select 'life_days', max(updated_at) from public.life_days
	union all select 'settings', max(updated_at) from public.settings
	union all select 'recordings', max(updated_at) from public.recordings;

comment on view public.sync_heads is
	'Kompanion sync: the newest updated_at of the caller''s rows per table (RLS applies: security_invoker).';

revoke all on public.sync_heads from anon, authenticated;
grant select on public.sync_heads to authenticated;
