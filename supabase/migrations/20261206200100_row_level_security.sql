-- Kompanion sync, migration 2 of 4: Row Level Security on every sync table.
--
-- A signed-in person (role authenticated) can read, insert, update and delete only rows whose
-- user_id is their own auth.uid(); nobody else can, and anon (the API key without a session) has
-- no privileges at all. FORCE applies the policies to the table owner too, so no code path that
-- runs as the owner is exempt by accident (service_role still bypasses RLS, as on every Supabase
-- project: never put its key in the app). Privileges are narrowed to the four operations:
-- Supabase's defaults also grant TRUNCATE, which RLS does not cover.
-- `(select auth.uid())` rather than `auth.uid()`: Postgres then evaluates it once per statement,
-- not once per row (Supabase's RLS performance advice). Re-running this file is harmless.

do $$
declare
	t text;
begin
	foreach t in array array[
		'profile', 'companions', 'conversations', 'messages', 'memories', 'memory_versions',
		'vocabulary', 'review_log', 'corrections', 'level_samples', 'scenarios', 'scenario_runs',
		'life_sim', 'settings', 'recordings'
	]
	loop
		execute format('alter table public.%I enable row level security', t);
		execute format('alter table public.%I force row level security', t);
		execute format('revoke all on table public.%I from anon, authenticated', t);
		execute format('grant select, insert, update, delete on table public.%I to authenticated', t);

		execute format('drop policy if exists "owner can select" on public.%I', t);
		execute format(
			'create policy "owner can select" on public.%I for select to authenticated '
				'using ((select auth.uid()) = user_id)',
			t
		);
		execute format('drop policy if exists "owner can insert" on public.%I', t);
		execute format(
			'create policy "owner can insert" on public.%I for insert to authenticated '
				'with check ((select auth.uid()) = user_id)',
			t
		);
		execute format('drop policy if exists "owner can update" on public.%I', t);
		execute format(
			'create policy "owner can update" on public.%I for update to authenticated '
				'using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id)',
			t
		);
		execute format('drop policy if exists "owner can delete" on public.%I', t);
		execute format(
			'create policy "owner can delete" on public.%I for delete to authenticated '
				'using ((select auth.uid()) = user_id)',
			t
		);
	end loop;
end
$$;
