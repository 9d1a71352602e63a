-- touch_runs status lifecycle: exactly the designed changes are accepted; the
-- matching timestamp is stamped.
begin;
select plan(6);

select set_config('t.account', tests.create_account()::text, true);
select set_config('t.lead', tests.create_lead(current_setting('t.account')::uuid)::text, true);

create temp table expected (from_status text, to_status text) on commit drop;
insert into expected values
  ('scheduled','queued'), ('scheduled','sending'), ('scheduled','canceled'),
  ('queued','scheduled'), ('queued','sending'), ('queued','canceled'),
  ('sending','sent'), ('sending','failed'), ('sending','unknown'), ('sending','canceled'),
  ('sent','delivered'), ('sent','failed'),
  ('unknown','sent'), ('unknown','delivered'), ('unknown','failed');

create temp table outcome (touch_id uuid, from_status text, to_status text, accepted boolean, error text) on commit drop;
do $$
declare
  v_pair record;
  v_touch uuid;
  v_attempt int := 0;
begin
  for v_pair in
    select f.status as from_status, t.status as to_status
    from public.touch_run_statuses f cross join public.touch_run_statuses t
    where f.status <> t.status
  loop
    v_attempt := v_attempt + 1;
    insert into public.touch_runs (account_id, lead_id, channel, attempt, status)
    values (current_setting('t.account')::uuid, current_setting('t.lead')::uuid, 'sms', v_attempt, v_pair.from_status)
    returning id into v_touch;
    begin
      update public.touch_runs set status = v_pair.to_status where id = v_touch;
      insert into outcome values (v_touch, v_pair.from_status, v_pair.to_status, true, null);
    exception when others then
      insert into outcome values (v_touch, v_pair.from_status, v_pair.to_status, false, sqlerrm);
    end;
  end loop;
end
$$;

select is((select count(*)::int from outcome), 56, 'all 56 ordered pairs of the 8 statuses were tried');
select set_eq(
  'select from_status, to_status from outcome where accepted',
  'select from_status, to_status from expected',
  'exactly the designed status changes are accepted');
select is(
  (select count(*)::int from outcome where not accepted and error <> 'invalid_touch_run_transition'),
  0, 'every refusal raises invalid_touch_run_transition');
select is(
  (select count(*)::int from outcome o join public.touch_runs t on t.id = o.touch_id
   where not o.accepted and t.status <> o.from_status),
  0, 'a refused change leaves the status as it was');
select is(
  (select count(*)::int from outcome o join public.touch_runs t on t.id = o.touch_id
   where o.accepted and (
        (o.to_status = 'sending' and t.claimed_at is null)
     or (o.to_status = 'sent' and t.sent_at is null)
     or (o.to_status = 'delivered' and t.delivered_at is null)
     or (o.to_status = 'failed' and t.failed_at is null)
     or (o.to_status = 'canceled' and t.canceled_at is null))),
  0, 'each accepted change stamps its timestamp');
select is(
  (select count(*)::int from outcome where accepted and from_status in ('delivered', 'failed', 'canceled')),
  0, 'delivered, failed and canceled are final');

select * from finish();
rollback;
