-- Kompanion sync, migration 4 of 4: a private Storage bucket for recording media.
--
-- Objects live under `<user id>/<recording id>/<part>`; a signed-in person can read and write only
-- below their own user id (the first folder of the object's name). The bucket is private: no
-- public URLs, every download goes through these policies. Media are uploaded only when the
-- person asks (they are large). Re-running this file is harmless.

insert into storage.buckets (id, name, public)
values ('recordings', 'recordings', false)
on conflict (id) do update set public = false;

drop policy if exists "kompanion recordings: owner can select" on storage.objects;
create policy "kompanion recordings: owner can select" on storage.objects
	for select to authenticated
	using (bucket_id = 'recordings' and (storage.foldername(name))[1] = (select auth.uid())::text);

drop policy if exists "kompanion recordings: owner can insert" on storage.objects;
create policy "kompanion recordings: owner can insert" on storage.objects
	for insert to authenticated
	with check (bucket_id = 'recordings' and (storage.foldername(name))[1] = (select auth.uid())::text);

drop policy if exists "kompanion recordings: owner can update" on storage.objects;
create policy "kompanion recordings: owner can update" on storage.objects
	for update to authenticated
	using (bucket_id = 'recordings' and (storage.foldername(name))[1] = (select auth.uid())::text)
	with check (bucket_id = 'recordings' and (storage.foldername(name))[1] = (select auth.uid())::text);

drop policy if exists "kompanion recordings: owner can delete" on storage.objects;
create policy "kompanion recordings: owner can delete" on storage.objects
	for delete to authenticated
	using (bucket_id = 'recordings' and (storage.foldername(name))[1] = (select auth.uid())::text);
