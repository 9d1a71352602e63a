-- A booking is the goal: it closes even a lead whose cadence had run out
-- (dead → appointment_booked, reason appointment_booked; issue 18, closed before).
begin;
select plan(3);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101', 'ana@example.com', 'dead') as l \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select public.ingest_booking(:'a', 'inv-dead-1', 'booked', 'ana@example.com', null, 'Ana', 'Perez',
                             :'now'::timestamptz + interval '3 days', 'https://cal.example/inv-dead-1', :'now') as r;
reset role;

-- TEST: appointment_booked.
select is((select r->>'lead_id' from res), :'l', 'the booking is matched to the dead lead by email');
select is((select lead_state from public.leads where id = :'l'), 'appointment_booked', 'the dead lead is appointment_booked');
select results_eq(format($$select previous_state, new_state, reason from public.lead_events
                           where lead_id = %L and event_type = 'state_transition'$$, :'l'),
  $$values ('dead'::text, 'appointment_booked'::text, 'appointment_booked'::text)$$, 'one transition dead → appointment_booked, reason appointment_booked');

select * from finish();
rollback;
