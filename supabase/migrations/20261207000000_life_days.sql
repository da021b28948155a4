-- Kompanion sync, migration 5: the life simulation's days (app schema 5), one row per simulated day
-- of a companion's life, id = '<companion id>/<YYYY-MM-DD>'. Same shape, trigger and Row Level
-- Security as every other sync table (migrations 1 and 2). Days merge rather than conflict: each
-- device keeps every day it has, and a day that arrived by sync is never simulated again there.
-- Re-running this file is harmless.

create table if not exists public.life_days (
	user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
	id text not null check (char_length(id) between 1 and 200),
	rev text collate "C" not null check (rev ~ '^[0-9a-z]{9}-[0-9a-z]{4}-[0-9a-z]{4,32}$'),
	updated_at timestamptz not null default now(),
	deleted boolean not null default false,
	data jsonb not null default '{}'::jsonb check (jsonb_typeof(data) = 'object'),
	primary key (user_id, id)
);

comment on table public.life_days is
	'A companion''s simulated days (id = companion id/date): what happened, in her life simulation.';

create index if not exists life_days_pull_idx on public.life_days (user_id, updated_at, id);
create index if not exists life_days_rev_idx on public.life_days (user_id, rev);

create or replace trigger stamp_row before insert or update on public.life_days
	for each row execute function public.kompanion_stamp_row();

alter table public.life_days enable row level security;
alter table public.life_days force row level security;
revoke all on table public.life_days from anon, authenticated;
grant select, insert, update, delete on table public.life_days to authenticated;

drop policy if exists "owner can select" on public.life_days;
create policy "owner can select" on public.life_days for select to authenticated
	using ((select auth.uid()) = user_id);
drop policy if exists "owner can insert" on public.life_days;
create policy "owner can insert" on public.life_days for insert to authenticated
	with check ((select auth.uid()) = user_id);
drop policy if exists "owner can update" on public.life_days;
create policy "owner can update" on public.life_days for update to authenticated
	using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
drop policy if exists "owner can delete" on public.life_days;
create policy "owner can delete" on public.life_days for delete to authenticated
	using ((select auth.uid()) = user_id);
