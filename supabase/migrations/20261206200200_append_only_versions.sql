-- Kompanion sync, migration 3 of 4: memory versions are append-only.
--
-- A memory version records what a change did; rewriting one would rewrite history. Devices only
-- ever add versions (each has its own id, so two devices' versions merge as a union) and may set a
-- version's tombstone (its memory was deleted). An update that changes a live version's body is
-- refused with an error the sync engine reports, instead of silently losing the stored version.
-- (review_log is append-only in the same sense, but a review's "undone" flag does change, so it
-- follows the rev rule like every other table.) Re-running this file is harmless.

create or replace function public.kompanion_keep_version_body() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if new.data is distinct from old.data and not new.deleted then
		raise exception 'A memory version never changes once stored (id %).', old.id
			using errcode = 'check_violation',
				hint = 'Add a new version instead; only a version''s tombstone can be set.';
	end if;
	return new;
end
$$;

comment on function public.kompanion_keep_version_body() is
	'Kompanion sync: a memory version''s body never changes once stored; only its tombstone can be set.';

-- Named to fire after stamp_row (triggers fire in name order), so a stale or repeated push is
-- skipped by the rev rule before this check sees it.
create or replace trigger version_is_append_only
	before update on public.memory_versions
	for each row execute function public.kompanion_keep_version_body();
