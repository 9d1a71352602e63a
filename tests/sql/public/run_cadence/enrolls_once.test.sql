-- A lead is enrolled into a campaign once: a second tick, or an earlier
-- enrollment that has since stopped or completed, enrolls it no more.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
update public.campaigns set auto_enroll = true where id = :'c';
select tests.create_step(:'a', :'c', 1, 'sms');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_lead(:'a', '+13055550102') as l_done \gset
select tests.enroll(:'a', :'c', :'l_done', :'now'::timestamptz - interval '10 days', p_status => 'completed');

create temp table r1 on commit drop as select * from public.run_cadence(p_now => :'now');
create temp table r2 on commit drop as select * from public.run_cadence(p_now => :'now'::timestamptz + interval '5 minutes');

-- TEST: first tick enrolls only the new lead.
select results_eq($$select lead_id, decision from r1$$, format($$values (%L::uuid, 'enrolled'::text)$$, :'l'),
  'first tick: the lead not enrolled yet');
-- TEST: second tick enrolls nobody.
select is((select count(*)::int from r2), 0, 'second tick: nobody');
select is((select count(*)::int from public.campaign_leads where lead_id = :'l'), 1, 'one enrollment for the lead');
select results_eq(
  format($$select status from public.campaign_leads where lead_id = %L$$, :'l_done'),
  $$values ('completed'::text)$$, 'a completed enrollment is not restarted');

select * from finish();
rollback;
