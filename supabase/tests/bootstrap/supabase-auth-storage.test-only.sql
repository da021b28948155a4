-- TEST ONLY. NEVER APPLY THIS FILE TO A SUPABASE PROJECT.
--
-- A hosted Supabase project already has everything below (and much more). This file recreates,
-- on a bare Postgres (PGlite in the tests), just the pieces of Supabase that the migrations in
-- supabase/migrations/ and their tests rely on, following Supabase's published definitions:
--   - the roles anon, authenticated and service_role (supabase/storage migrations/tenant/
--     0002-storage-schema.sql creates them the same way) and the default privileges a project
--     gives them on schema public, so that, as on a real project, table grants are wide open and
--     Row Level Security is the barrier the tests exercise;
--   - schema auth: auth.uid(), auth.role(), auth.email(), auth.jwt() reading request.jwt.claims
--     (supabase/auth migrations 20211124214934_update_auth_functions, 20211202183645_update_auth_uid,
--     20220531120530_add_auth_jwt_function) and a minimal auth.users;
--   - schema storage: storage.buckets, storage.objects (columns of the current Storage schema),
--     storage.foldername()/filename()/extension() (0002-storage-schema.sql), RLS on both tables,
--     and the guard against direct deletes that the Storage API lifts with storage.can_delete
--     (0050-prevent-direct-deletes.sql).
-- It is idempotent, like the migrations.

do $$
begin
	if not exists (select 1 from pg_roles where rolname = 'anon') then
		create role anon nologin noinherit;
	end if;
	if not exists (select 1 from pg_roles where rolname = 'authenticated') then
		create role authenticated nologin noinherit;
	end if;
	if not exists (select 1 from pg_roles where rolname = 'service_role') then
		create role service_role nologin noinherit bypassrls;
	end if;
end
$$;

grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;

-- auth ---------------------------------------------------------------------------------------

create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

create table if not exists auth.users (
	instance_id uuid,
	id uuid primary key,
	aud varchar(255),
	role varchar(255),
	email varchar(255) unique,
	encrypted_password varchar(255),
	email_confirmed_at timestamptz,
	raw_app_meta_data jsonb,
	raw_user_meta_data jsonb,
	is_anonymous boolean not null default false,
	created_at timestamptz default now(),
	updated_at timestamptz default now()
);

create or replace function auth.uid() returns uuid
language sql stable
as $$
	select nullif(
		coalesce(
			current_setting('request.jwt.claim.sub', true),
			(current_setting('request.jwt.claims', true)::jsonb ->> 'sub')
		),
		''
	)::uuid
$$;

create or replace function auth.role() returns text
language sql stable
as $$
	select coalesce(
		current_setting('request.jwt.claim.role', true),
		(current_setting('request.jwt.claims', true)::jsonb ->> 'role')
	)::text
$$;

create or replace function auth.email() returns text
language sql stable
as $$
	select coalesce(
		current_setting('request.jwt.claim.email', true),
		(current_setting('request.jwt.claims', true)::jsonb ->> 'email')
	)::text
$$;

create or replace function auth.jwt() returns jsonb
language sql stable
as $$
	select coalesce(
		nullif(current_setting('request.jwt.claim', true), ''),
		nullif(current_setting('request.jwt.claims', true), '')
	)::jsonb
$$;

-- storage ------------------------------------------------------------------------------------

create schema if not exists storage;
grant usage on schema storage to anon, authenticated, service_role;
alter default privileges in schema storage grant all on tables to anon, authenticated, service_role;

create table if not exists storage.buckets (
	id text primary key,
	name text not null unique,
	owner uuid,
	owner_id text,
	created_at timestamptz default now(),
	updated_at timestamptz default now(),
	public boolean default false,
	avif_autodetection boolean default false,
	file_size_limit bigint,
	allowed_mime_types text[]
);

create table if not exists storage.objects (
	id uuid primary key default gen_random_uuid(),
	bucket_id text references storage.buckets (id),
	name text,
	owner uuid,
	owner_id text,
	created_at timestamptz default now(),
	updated_at timestamptz default now(),
	last_accessed_at timestamptz default now(),
	metadata jsonb,
	user_metadata jsonb,
	version text,
	path_tokens text[] generated always as (string_to_array(name, '/')) stored,
	unique (bucket_id, name)
);

grant all on storage.buckets, storage.objects to anon, authenticated, service_role;
alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;

create or replace function storage.foldername(name text) returns text[]
language plpgsql
as $function$
declare
	_parts text[];
begin
	select string_to_array(name, '/') into _parts;
	return _parts[1:array_length(_parts, 1) - 1];
end
$function$;

create or replace function storage.filename(name text) returns text
language plpgsql
as $function$
declare
	_parts text[];
begin
	select string_to_array(name, '/') into _parts;
	return _parts[array_length(_parts, 1)];
end
$function$;

create or replace function storage.extension(name text) returns text
language plpgsql
as $function$
declare
	_parts text[];
	_filename text;
begin
	select string_to_array(name, '/') into _parts;
	select _parts[array_length(_parts, 1)] into _filename;
	return reverse(split_part(reverse(_filename), '.', 1));
end
$function$;

create or replace function storage.protect_delete() returns trigger
language plpgsql
as $$
begin
	if coalesce(current_setting('storage.can_delete', true), 'false') != 'true' then
		raise exception 'Direct deletion from storage tables is not allowed. Use the Storage API instead.'
			using hint = 'This prevents accidental data loss from orphaned objects.',
				errcode = '42501';
	end if;
	return null;
end;
$$;

create or replace trigger protect_buckets_delete
	before delete on storage.buckets
	for each statement execute function storage.protect_delete();
create or replace trigger protect_objects_delete
	before delete on storage.objects
	for each statement execute function storage.protect_delete();
