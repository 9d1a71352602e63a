-- The account's imports, newest first, limited; nothing of other accounts.
begin;
select plan(3);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.create_lead_import(:'a') as old \gset
select tests.create_lead_import(:'a') as new \gset
select tests.create_lead_import(:'b') as other \gset
update public.lead_imports set created_at = now() - interval '1 hour' where id = :'old';

select tests.act_as('revenue_api', :'a');
-- TEST: list.
select is((select array_agg(e ->> 'id' order by o) from jsonb_array_elements(public.list_lead_imports()) with ordinality x(e, o)),
  array[:'new', :'old'], 'A''s imports, newest first, none of B''s');
select is(jsonb_array_length(public.list_lead_imports(1)), 1, 'p_limit limits the list');
select is(public.list_lead_imports() -> 0 ->> 'status', 'queued', 'with their status');
reset role;

select * from finish();
rollback;
