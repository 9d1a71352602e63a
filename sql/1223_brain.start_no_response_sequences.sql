-- Follow-up sequences (issue 18): no reply N days after the last outbound touch starts the
-- account's active no_response sequence (no_response_days = N). Crontab, every minute,
-- a bounded batch: the candidates are the touches sent N days ago (a week of slack, so a
-- stopped worker catches up), and a lead is started at most once per silence (no run of
-- the sequence since its last reply, or ever when it never replied).
create or replace function brain.start_no_response_sequences(p_limit integer default 200, p_now timestamptz default now())
returns table (lead_id uuid, sequence_id uuid, enrollment_id uuid, started boolean, reason text)
language plpgsql
volatile
set search_path = ''
as $$
#variable_conflict use_column
begin
  if p_limit is null or p_limit not between 1 and 5000 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the batch is 1 to 5000 leads';
  end if;
  return query
  with seqs as (
    select s.id, s.account_id, s.no_response_days
    from public.sequences s
    where s.trigger_on = 'no_response' and s.is_active and s.archived_at is null
  ), last_touch as (
    select distinct on (t.lead_id) t.lead_id, t.account_id, q.id as sequence_id, t.sent_at
    from seqs q
    join public.touch_runs t on t.account_id = q.account_id and t.sent_at is not null
     and t.sent_at <= p_now - pg_catalog.make_interval(days => q.no_response_days)
     and t.sent_at > p_now - pg_catalog.make_interval(days => q.no_response_days + 7)
    order by t.lead_id, t.sent_at desc
  ), cand as (
    select c.lead_id, c.sequence_id
    from last_touch c
    join public.leads l on l.id = c.lead_id and l.account_id = c.account_id
    where l.auto_followups_enabled and l.status = 'new' and l.lead_state not in ('suppressed', 'closed', 'appointment_booked')
      -- Nothing sent since.
      and not exists (select 1 from public.touch_runs t2 where t2.lead_id = c.lead_id and t2.sent_at > c.sent_at)
      -- No reply since.
      and not exists (select 1 from public.inbound_messages m where m.lead_id = c.lead_id and m.received_at > c.sent_at)
      -- Not already in a sequence.
      and not exists (select 1 from public.sequence_enrollments e where e.lead_id = c.lead_id and e.status in ('active', 'paused'))
      -- Once per silence: no run of this sequence since the lead's last reply.
      and not exists (select 1 from public.sequence_enrollments e
                      where e.lead_id = c.lead_id and e.sequence_id = c.sequence_id
                        and e.started_at > coalesce((select max(m.received_at) from public.inbound_messages m where m.lead_id = c.lead_id),
                                                    '-infinity'::timestamptz))
    order by c.lead_id
    limit p_limit
  )
  select c.lead_id, c.sequence_id, (r.r ->> 'enrollment_id')::uuid, (r.r ->> 'started')::boolean, r.r ->> 'reason'
  from cand c
  cross join lateral (select brain.start_sequence(c.lead_id, c.sequence_id, 'no_response', 'system:no_response', null, null, p_now) as r) r;
end
$$;

comment on function brain.start_no_response_sequences(integer, timestamptz) is
  'Starts the account''s active no_response sequence (brain.start_sequence, trigger no_response) for up to p_limit leads whose last sent touch is no_response_days old (looked for in a 7-day band before that, so a stopped worker catches up), with nothing sent and no reply since, auto follow-ups on, not suppressed, closed, archived or booked, not in any running sequence, and no run of this sequence since their last reply (once per silence). Returns each lead tried with start_sequence''s answer.';

revoke execute on function brain.start_no_response_sequences(integer, timestamptz) from public;
grant execute on function brain.start_no_response_sequences(integer, timestamptz) to revenue_worker;
