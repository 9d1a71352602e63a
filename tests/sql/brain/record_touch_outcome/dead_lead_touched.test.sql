-- A reactivation touch sent to a dead lead brings it back to touched.
begin;
select plan(3);

select tests.local_at(1, '10:00') as p \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101', p_lead_state => 'dead') as l \gset
select tests.create_touch(:'a', :'l', null, 1, 'voice', 1, :'p'::timestamptz - interval '1 hour',
                          '{"meta": {"source": "brain_full_auto_reactivation"}}') as t \gset

-- TEST: a dead lead's touch outside any campaign is sent.
select is(brain.claim_touch(:'t', null, :'p') ->> 'outcome', 'claimed', 'a reactivation touch of a dead lead is claimed');
select is(brain.record_touch_outcome(:'t', 'accepted', p_now => :'p') ->> 'status', 'sent', 'and sent');

-- TEST: dead → touched.
select results_eq(
  format($$select l.lead_state, e.previous_state, e.new_state, e.reason from public.leads l join public.lead_events e on e.lead_id = l.id where l.id = %L$$, :'l'),
  $$values ('touched'::text, 'dead'::text, 'touched'::text, 'touch_sent'::text)$$,
  'dead → touched, reason touch_sent');

select * from finish();
rollback;
