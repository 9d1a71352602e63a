-- decide_next_channel_for_lead stops with no_touch when the lead has no touch for
-- that campaign and step as of p_now: there is no plan to follow.
begin;
select plan(5);

\set now '2026-03-10 15:00:00+00'
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550110', 'nt@example.com') as lead \gset
select tests.create_lead(:'a', '+13055550111', 'nt2@example.com') as other \gset
select tests.create_campaign(:'a') as c \gset
select tests.create_campaign(:'a') as c2 \gset

-- TEST: a lead that was never touched.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'other', :'c', :'now'),
  $$values ('stop'::text, null::text, null::text, null::timestamptz, 'no_touch'::text)$$,
  'no touch at all: stop, no_touch, with no channel and no wait');

-- The lead has one touch: campaign c, step 1, created an hour before p_now,
-- and one touch of campaign c, step 2, created an hour after p_now.
select tests.create_touch(:'a', :'lead', :'c', 1, 'voice', 1, :'now'::timestamptz - interval '1 hour');
select tests.create_touch(:'a', :'lead', :'c', 2, 'voice', 1, :'now'::timestamptz + interval '1 hour');

-- TEST: the touch of campaign c, step 1 is found (control for the cases below).
select results_eq(
  format($$select decision, reason from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead', :'c', :'now'),
  $$values ('retry_same_channel'::text, 'attempts_left'::text)$$,
  'campaign c, step 1 has a touch and is decided');

-- TEST: another step, another campaign or no campaign find no touch.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 3, %L)$$, :'lead', :'c', :'now'),
  $$values ('stop'::text, null::text, null::text, null::timestamptz, 'no_touch'::text)$$,
  'step 3 of the same campaign: no_touch');
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)
           union all select * from public.decide_next_channel_for_lead(%L, null, 1, %L)$$,
         :'lead', :'c2', :'now', :'lead', :'now'),
  $$values ('stop'::text, null::text, null::text, null::timestamptz, 'no_touch'::text),
           ('stop'::text, null::text, null::text, null::timestamptz, 'no_touch'::text)$$,
  'step 1 of another campaign, and of no campaign: no_touch');

-- TEST: a touch created after p_now does not exist yet.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 2, %L)$$, :'lead', :'c', :'now'),
  $$values ('stop'::text, null::text, null::text, null::timestamptz, 'no_touch'::text)$$,
  'step 2, whose touch is created an hour after p_now: no_touch');

select * from finish();
rollback;
