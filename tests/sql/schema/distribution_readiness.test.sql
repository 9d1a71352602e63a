-- Distribution readiness (issue 16, "Sharding"; docs/scale.md): the schema stays ready to
-- be distributed by account_id (Citus), one account's rows on one shard.
--
-- A tenant table is a table of the public, private, brain or lead_hunter schema with an
-- account_id column that is not in the global list below. A table without account_id must
-- be in the global list too, so a new table has to say which kind it is.
--
-- Keys. Citus takes a primary or unique key on a distributed table only when it contains
-- the distribution column, and a foreign key between distributed tables only when both
-- sides name it in the same position; a reference table may not point at a distributed one.
-- So: every tenant table has a primary key with account_id; every unique constraint and
-- unique index (partial ones too) of a tenant table has account_id; every foreign key from
-- a tenant table to another tenant table pairs account_id with account_id; no global table
-- has a foreign key to a tenant table.
--
-- Joins. No view or function joins a tenant table without pinning that table's account_id.
-- The check reads the text of every view (pg_get_viewdef) and of every sql/plpgsql function
-- (pg_proc.prosrc) in the four schemas, lower-cased, without -- comments and with string
-- literals emptied. For each `join <tenant table> [as] <alias> on <condition>` (or
-- `using (…)`) it takes the condition up to the next clause keyword (join, left, where,
-- group, order, limit, union, returning, for, into, select, from, then, loop …) or `;`,
-- and requires it to name <alias>.account_id (the bare table name or account_id when there
-- is no alias), or the using list to name account_id. It does not check what account_id
-- is equated with; the intended forms are the other table's account_id, or a p_account_id
-- that also filters the other side. Functions that read across accounts on purpose are
-- listed, with the reason, in cross_account_reads. What it does not see: comma joins
-- (`from a, b where …`), correlated subqueries (`exists (select … from t where t.lead_id
-- = l.id)`), `update … from` / `delete … using`, joins to views and set-returning
-- functions (a view's own body is checked), and dynamic SQL built in strings. Those are
-- left to review; the self-test at the end shows that the checks flag what they cover.
begin;
select plan(13);

create schema distribution_check;

-- Global tables: not distributed by account_id. "reference": small, read on every node, so
-- replicated to all of them (Citus reference table). "coordinator": used only by the
-- coordinator (the application's entry node), never joined with tenant rows on a worker.
create table distribution_check.global_tables (schema_name text, table_name text, kind text, reason text);
insert into distribution_check.global_tables values
  ('public', 'accounts', 'reference', 'the tenants themselves; every tenant table points at it'),
  ('public', 'users', 'reference', 'a person may belong to several accounts (account_members)'),
  ('public', 'lead_states', 'reference', 'lookup data: lead_state values'),
  ('public', 'lead_state_transitions', 'reference', 'lookup data: allowed lead_state moves'),
  ('public', 'touch_run_statuses', 'reference', 'lookup data: touch_runs.status values'),
  ('public', 'touch_run_status_transitions', 'reference', 'lookup data: allowed touch status moves'),
  ('public', 'phone_area_codes', 'reference', 'lookup data: NANP area code → time zone'),
  ('public', 'provider_readiness', 'reference', 'which provider drivers this deployment has configured; not per account'),
  ('public', 'sender_addresses', 'reference', 'routes an inbound webhook to its account by the receiving number or address before the account is known (brain.route_inbound_address, public.webhook_account)'),
  ('private', 'analyst_logins', 'reference', 'binds a database login to its account; private.analyst_account_id() reads it inside RLS policies, which run on every node'),
  ('public', 'account_api_tokens', 'reference', 'a bearer token is resolved to its account by its hash before the account is known (public.authenticate_api_token)'),
  ('public', 'account_invites', 'reference', 'an invite link is resolved to its account by its token hash before the account is known (private.open_account_invite)'),
  ('public', 'user_sessions', 'coordinator', 'a session cookie is resolved before the account is known, and a session switches accounts (public.session_context, public.switch_session_account)'),
  ('public', 'login_attempts', 'coordinator', 'the login limiter counts by email and address, before any account'),
  ('public', 'worker_heartbeats', 'coordinator', 'one row per worker process; workers serve every account'),
  ('private', 'schema_migrations', 'coordinator', 'dbmate''s applied versions');

create view distribution_check.tables as
select c.oid, n.nspname::text as schema_name, c.relname::text as table_name,
       exists (select 1 from pg_attribute a
               where a.attrelid = c.oid and a.attname = 'account_id' and not a.attisdropped) as has_account_id,
       exists (select 1 from distribution_check.global_tables g
               where g.schema_name = n.nspname and g.table_name = c.relname) as is_global
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname in ('public', 'private', 'brain', 'lead_hunter') and c.relkind in ('r', 'p')
  and not c.relispartition;

create view distribution_check.tenant_tables as
select oid, schema_name, table_name from distribution_check.tables where has_account_id and not is_global;

create view distribution_check.undeclared_tables as
select schema_name || '.' || table_name || ' has no account_id and is not in the global list' as problem
from distribution_check.tables where not has_account_id and not is_global;

create view distribution_check.stale_global_entries as
select g.schema_name || '.' || g.table_name || ' is in the global list but does not exist' as problem
from distribution_check.global_tables g
where to_regclass(g.schema_name || '.' || g.table_name) is null;

create view distribution_check.key_problems as
select t.schema_name || '.' || t.table_name || ' has no primary key' as problem
from distribution_check.tenant_tables t
where not exists (select 1 from pg_index i where i.indrelid = t.oid and i.indisprimary)
union all
select t.schema_name || '.' || t.table_name || ': unique key ' || i.indexrelid::regclass::text
       || ' (' || pg_get_indexdef(i.indexrelid) || ') lacks account_id'
from distribution_check.tenant_tables t
join pg_index i on i.indrelid = t.oid and i.indisunique
where not exists (select 1 from pg_attribute a
                  where a.attrelid = t.oid and a.attname = 'account_id' and a.attnum = any (i.indkey));

create view distribution_check.foreign_key_problems as
select con.conrelid::regclass::text || ': foreign key ' || con.conname || ' ('
       || pg_get_constraintdef(con.oid) || ') does not pair account_id with account_id' as problem
from pg_constraint con
join distribution_check.tenant_tables src on src.oid = con.conrelid
join distribution_check.tenant_tables dst on dst.oid = con.confrelid
where con.contype = 'f'
  and not exists (
    select 1 from unnest(con.conkey, con.confkey) k(src_att, dst_att)
    join pg_attribute sa on sa.attrelid = con.conrelid and sa.attnum = k.src_att
    join pg_attribute da on da.attrelid = con.confrelid and da.attnum = k.dst_att
    where sa.attname = 'account_id' and da.attname = 'account_id')
union all
select con.conrelid::regclass::text || ': global table has foreign key ' || con.conname
       || ' to tenant table ' || con.confrelid::regclass::text
from pg_constraint con
join distribution_check.tables src on src.oid = con.conrelid and src.is_global
join distribution_check.tenant_tables dst on dst.oid = con.confrelid
where con.contype = 'f';

-- Views and functions that read across accounts on purpose, each with the reason; on a
-- distributed database they are multi-shard queries (docs/scale.md).
create table distribution_check.cross_account_reads (name text, reason text);
insert into distribution_check.cross_account_reads values
  ('public.session_accounts', 'lists the accounts a signed-in person belongs to: account_members by user_id, across accounts by design');

-- Bodies of views and functions: lower-cased, comments removed, string literals emptied,
-- and a \x01 mark before every clause keyword, so a join condition is the text up to the
-- next mark or semicolon.
create view distribution_check.bodies as
select kind, name,
       regexp_replace(
         regexp_replace(
           regexp_replace(regexp_replace(lower(src), '/\*.*?\*/', ' ', 'g'), '--[^\n]*', ' ', 'g'),
           '''(?:[^'']|'''')*''', '''''', 'g'),
         '\m(join|left|right|full|inner|cross|natural|where|group|order|limit|offset|union|except|intersect|window|having|returning|for|into|select|from|then|else|loop|values|set)\M',
         E'\x01\\1', 'g') as body
from (
  select 'function' as kind, n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as name,
         p.prosrc as src
  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
  join pg_language l on l.oid = p.prolang
  where n.nspname in ('public', 'private', 'brain', 'lead_hunter') and l.lanname in ('sql', 'plpgsql')
    and n.nspname || '.' || p.proname not in (select x.name from distribution_check.cross_account_reads x)
    and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
  union all
  select 'view', n.nspname || '.' || c.relname, pg_get_viewdef(c.oid)
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname in ('public', 'private', 'brain', 'lead_hunter') and c.relkind in ('v', 'm')
    and n.nspname || '.' || c.relname not in (select x.name from distribution_check.cross_account_reads x)
) s;

create view distribution_check.join_problems as
select b.kind || ' ' || b.name || ' joins ' || t.schema_name || '.' || t.table_name
       || coalesce(' ' || m[1], '') || ' ' || btrim(regexp_replace(m[2], '\s+', ' ', 'g'))
       || ' without its account_id' as problem
from distribution_check.bodies b
cross join distribution_check.tenant_tables t
cross join lateral regexp_matches(b.body,
  E'\x01join\\s+(?:only\\s+)?(?:"?' || t.schema_name || E'"?\\.)?"?' || t.table_name
  || E'"?(?:\\s+(?:as\\s+)?(?!on\\M|using\\M)([a-z_][a-z0-9_]*))?\\s+(on\\M[^\x01;]*|using\\s*\\([^)]*\\))', 'g') m
where not (m[2] ~ ('^using\s*\([^)]*\maccount_id\M')
           or m[2] ~ ('\m' || coalesce(m[1], t.table_name) || '\.account_id\M')
           or (m[1] is null and m[2] ~ '(^|[^.a-z0-9_])account_id\M'));

-- TEST: every table says whether it is a tenant table or a global one.
select is_empty('select problem from distribution_check.undeclared_tables',
  'every table without account_id is in the global list');
select is_empty('select problem from distribution_check.stale_global_entries',
  'every table in the global list exists');
select cmp_ok((select count(*) from distribution_check.tenant_tables), '>=', 20::bigint,
  'the tenant tables are found (leads, touch_runs, core_memory_events, …)');

-- TEST: keys are valid on a table distributed by account_id.
select is_empty('select problem from distribution_check.key_problems',
  'every tenant table has a primary key, and every primary and unique key includes account_id');
select is_empty('select problem from distribution_check.foreign_key_problems',
  'foreign keys between tenant tables pair account_id with account_id; no global table points at a tenant table');

-- TEST: no view or function joins two accounts' rows.
select cmp_ok((select count(*) from distribution_check.bodies), '>', 150::bigint,
  'the join check reads the project''s views and functions');
select is_empty('select problem from distribution_check.join_problems',
  'every join onto a tenant table pins its account_id');
select is_empty($$select x.name || ' is in the cross-account list but does not exist' from distribution_check.cross_account_reads x
                  where not exists (select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname || '.' || p.proname = x.name)
                    and to_regclass(x.name) is null$$,
  'every entry of the cross-account list exists');

-- TEST: self-test: each check flags a table, a key, a foreign key and a join that break it.
create table public.dist_check_parents (id uuid primary key, account_id uuid not null, email text unique);
create table public.dist_check_children (
  id uuid, account_id uuid not null, parent_id uuid references public.dist_check_parents (id),
  primary key (id, account_id));
create table public.dist_check_globals (id uuid primary key, child_id uuid, child_account_id uuid,
  foreign key (child_id, child_account_id) references public.dist_check_children (id, account_id));
create function public.dist_check_cross_account() returns bigint language sql stable as $$
  select count(*) from public.leads l
  join public.touch_runs t on t.lead_id = l.id   -- no account_id: flagged
  left join public.campaigns c on c.id = t.campaign_id and c.account_id = t.account_id
$$;
create function public.dist_check_same_account(p_account_id uuid) returns bigint language plpgsql stable as $$
begin
  return (select count(*) from public.leads as l
          join public.touch_runs using (account_id, id)
          inner join public.core_memory_events e on e.lead_id = l.id and e.account_id = p_account_id
          where l.account_id = p_account_id);
end $$;
create view public.dist_check_view as
  select l.id from public.leads l join public.lead_events e on (e.lead_id = l.id) where l.account_id = e.account_id;

select set_eq('select problem from distribution_check.undeclared_tables',
  $$values ('public.dist_check_globals has no account_id and is not in the global list')$$,
  'self-test: a table without account_id that is not declared global is flagged');
select set_eq($$select problem from distribution_check.key_problems where problem like 'public.dist_check%'$$,
  $$values ('public.dist_check_parents: unique key dist_check_parents_pkey (CREATE UNIQUE INDEX dist_check_parents_pkey ON public.dist_check_parents USING btree (id)) lacks account_id'),
           ('public.dist_check_parents: unique key dist_check_parents_email_key (CREATE UNIQUE INDEX dist_check_parents_email_key ON public.dist_check_parents USING btree (email)) lacks account_id')$$,
  'self-test: a primary key and a unique key without account_id are flagged');
select set_eq($$select problem from distribution_check.foreign_key_problems where problem like '%dist_check%'$$,
  $$values ('dist_check_children: foreign key dist_check_children_parent_id_fkey (FOREIGN KEY (parent_id) REFERENCES dist_check_parents(id)) does not pair account_id with account_id')$$,
  'self-test: a foreign key between tenant tables without account_id is flagged');
select set_eq($$select problem from distribution_check.join_problems where problem like '%dist_check%'$$,
  $$values ('function public.dist_check_cross_account() joins public.touch_runs t on t.lead_id = l.id without its account_id'),
           ('view public.dist_check_view joins public.lead_events e on ((e.lead_id = l.id))) without its account_id')$$,
  'self-test: a function and a view joining tenant tables without account_id are flagged; joins that pin it are not');

insert into distribution_check.global_tables values ('public', 'dist_check_globals', 'reference', 'self-test');
select set_eq($$select problem from distribution_check.foreign_key_problems where problem like 'dist_check_globals%'$$,
  $$values ('dist_check_globals: global table has foreign key dist_check_globals_child_id_child_account_id_fkey to tenant table dist_check_children')$$,
  'self-test: a global table pointing at a tenant table is flagged');

select * from finish();
rollback;
