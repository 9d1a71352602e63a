-- Suppressing the same address twice: already_suppressed, one row, one event.
begin;
select plan(4);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'ana@example.com') as l \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 1 as n, public.suppress_lead_channel(:'a', :'l', null, 'email', 'unsubscribe', 'unsubscribe_link', :'now') as r;
insert into res select 2, public.suppress_lead_channel(:'a', :'l', null, 'email', 'unsubscribe', 'unsubscribe_link',
                                                       :'now'::timestamptz + interval '1 hour');
reset role;

-- TEST: outcomes.
select results_eq($$select r from res order by n$$,
  format($$values (%1$L::jsonb), (%2$L::jsonb)$$,
         jsonb_build_object('outcome', 'suppressed', 'lead_id', :'l', 'channel', 'email'),
         jsonb_build_object('outcome', 'already_suppressed', 'lead_id', :'l', 'channel', 'email')),
  'suppressed, then already_suppressed');

-- TEST: one of each.
select results_eq(format($$select channel::text, email::text, reason, source, created_at from public.suppressions where account_id = %L$$, :'a'),
  format($$values ('email'::text, 'ana@example.com'::text, 'unsubscribe'::text, 'unsubscribe_link'::text, %L::timestamptz)$$, :'now'),
  'one suppression: the lead''s email, with reason and source');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l' and event_type = 'email_unsubscribe'), 1,
  'one email_unsubscribe event');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l'), 1, 'and nothing else');

select * from finish();
rollback;
