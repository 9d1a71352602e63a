-- An unknown message id (deleted with its lead, or never there) answers state missing.
begin;
select plan(1);

-- TEST: missing.
select is(brain.begin_reply_understanding(gen_random_uuid(), true), '{"state": "missing"}'::jsonb, 'state missing');

select * from finish();
rollback;
