-- What the provider said about a set of claimed touches, each recorded once.
-- brain.record_touch_outcome (one touch) and brain.record_touch_outcomes (a batch)
-- both record through this function, so they can never disagree.
--
-- Set-based: the touch rows, the outbound rows, the memory events, the leads that
-- become touched and their timers are written with one statement each; what is rare
-- (a re-send after reconciliation) and the smart router (brain.route_touch) run per
-- touch. Outcomes of one lead are recorded in rounds, one per lead per round, in the
-- given order: a later one sees what an earlier one did (the lead already touched, its
-- timers started, a touch already final), exactly as when recorded one after another.
create or replace function brain.record_touch_outcome_rows(
  p_outcomes jsonb,
  p_now timestamptz default now()
)
returns table (touch_run_id uuid, answer jsonb)
language plpgsql
volatile
set search_path = ''
-- Generic plans from the first call: each statement is planned once per session, not on
-- each of its first five calls (a dispatch worker's session makes only a few batches).
set plan_cache_mode = force_generic_plan
as $$
declare
  v_items jsonb;
  v_bad record;
  v_answers jsonb := '{}'::jsonb;
  v_round integer := 0;
  v_round_ns integer[];
  v_rows jsonb;
  v_r jsonb;
  v_retries jsonb := '{}'::jsonb;
  v_retry_id uuid;
  v_leads uuid[];
  v_timed uuid[];
begin
  if pg_catalog.jsonb_typeof(p_outcomes) is distinct from 'array' then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'outcomes must be a JSON array of {touch_run_id, result, …} objects';
  end if;
  -- Each element with its place (n), its touch and its lead.
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
           'n', x.n, 'id', x.item ->> 'touch_run_id', 'result', x.item ->> 'result',
           'provider_message_id', x.item ->> 'provider_message_id', 'provider_status', x.item ->> 'provider_status',
           'error_code', x.item ->> 'error_code', 'error_message', x.item ->> 'error_message',
           -- Kept only in the shape outbound_messages accepts: a bad id never fails the batch.
           'email_message_id', case when x.item ->> 'email_message_id' ~ '^<[^<>\s]{1,250}@[^<>\s]{1,250}>$'
                                    then x.item ->> 'email_message_id' end,
           'found', t.id is not null, 'lead_id', t.lead_id, 'account_id', t.account_id) order by x.n), '[]'::jsonb)
  into v_items
  from pg_catalog.jsonb_array_elements(p_outcomes) with ordinality x(item, n)
  -- By id alone, as a single outcome names its touch: the account comes from the row.
  left join lateral (select t_.id, t_.lead_id, t_.account_id from public.touch_runs t_
                     where t_.id = (x.item ->> 'touch_run_id')::uuid) t on true;

  -- Refused as a single record_touch_outcome refuses it: the first bad element raises.
  for v_bad in select e from pg_catalog.jsonb_array_elements(v_items) e
               where e ->> 'result' is null or e ->> 'result' not in ('accepted', 'rejected', 'not_sent', 'unknown')
                  or not (e ->> 'found')::boolean
               order by (e ->> 'n')::integer limit 1 loop
    if (v_bad.e ->> 'result') is null or (v_bad.e ->> 'result') not in ('accepted', 'rejected', 'not_sent', 'unknown') then
      raise exception using errcode = '22023', message = 'invalid_argument',
        detail = pg_catalog.format('result must be accepted, rejected, not_sent or unknown, not %s', coalesce(v_bad.e ->> 'result', 'null'));
    end if;
    raise exception using errcode = 'P0002', message = 'touch_not_found',
      detail = pg_catalog.format('no touch with id %s is visible', v_bad.e ->> 'id');
  end loop;

  loop
    v_round := v_round + 1;
    select coalesce(pg_catalog.array_agg(r.n order by r.n), '{}') into v_round_ns
    from (select (e ->> 'n')::integer as n,
                 pg_catalog.row_number() over (partition by e ->> 'lead_id' order by (e ->> 'n')::integer) as k
          from pg_catalog.jsonb_array_elements(v_items) e) r
    where r.k = v_round;
    exit when pg_catalog.cardinality(v_round_ns) = 0;

    perform 1 from public.touch_runs t
    where t.id = any(select (e ->> 'id')::uuid from pg_catalog.jsonb_array_elements(v_items) e
                     where (e ->> 'n')::integer = any(v_round_ns))
    order by t.id for update;

    -- Idempotent: only a touch being sent (or of unknown outcome, when reconciling) takes an outcome.
    select coalesce(pg_catalog.jsonb_agg(e || pg_catalog.jsonb_build_object(
             'account_id', t.account_id, 'campaign_id', t.campaign_id, 'step', t.step, 'attempt', t.attempt,
             'channel', t.channel, 'send_key', t.send_key, 'provider', t.provider, 'payload', t.payload,
             'was', t.status,
             'recordable', t.status in ('sending', 'unknown') and not (t.status = 'unknown' and e ->> 'result' = 'unknown'),
             'status', case e ->> 'result' when 'accepted' then 'sent' when 'unknown' then 'unknown' else 'failed' end,
             'event', case e ->> 'result' when 'accepted' then 'touch_sent' when 'unknown' then 'touch_outcome_unknown' else 'touch_failed' end)
           order by (e ->> 'n')::integer), '[]'::jsonb)
    into v_rows
    from pg_catalog.jsonb_array_elements(v_items) e
    join public.touch_runs t on t.id = (e ->> 'id')::uuid and t.account_id = (e ->> 'account_id')::uuid
    where (e ->> 'n')::integer = any(v_round_ns);

    select v_answers || coalesce(pg_catalog.jsonb_object_agg(r ->> 'n', pg_catalog.jsonb_build_object('recorded', false, 'status', r ->> 'was')), '{}'::jsonb)
    into v_answers
    from pg_catalog.jsonb_array_elements(v_rows) r where not (r ->> 'recordable')::boolean;
    select coalesce(pg_catalog.jsonb_agg(r order by (r ->> 'n')::integer), '[]'::jsonb) into v_rows
    from pg_catalog.jsonb_array_elements(v_rows) r where (r ->> 'recordable')::boolean;
    continue when pg_catalog.jsonb_array_length(v_rows) = 0;

    update public.touch_runs t
    set status = r ->> 'status',
        provider_message_id = coalesce(r ->> 'provider_message_id', t.provider_message_id),
        sent_at = case when r ->> 'status' = 'sent' then p_now else t.sent_at end,
        failed_at = case when r ->> 'status' = 'failed' then p_now else t.failed_at end,
        error_code = case when r ->> 'status' = 'sent' then null else r ->> 'error_code' end,
        error_message = case when r ->> 'status' = 'sent' then null else r ->> 'error_message' end
    from pg_catalog.jsonb_array_elements(v_rows) r
    where t.id = (r ->> 'id')::uuid;

    update public.outbound_messages m
    set status = case r ->> 'status' when 'sent' then 'sent' when 'failed' then 'failed' else 'unknown' end,
        provider_message_id = coalesce(r ->> 'provider_message_id', m.provider_message_id),
        provider_status = coalesce(r ->> 'provider_status', m.provider_status),
        email_message_id = coalesce(r ->> 'email_message_id', m.email_message_id),
        sent_at = case when r ->> 'status' = 'sent' then p_now else m.sent_at end,
        failed_at = case when r ->> 'status' = 'failed' then p_now else m.failed_at end,
        error_code = case when r ->> 'status' = 'sent' then null else r ->> 'error_code' end,
        error_message = case when r ->> 'status' = 'sent' then null else r ->> 'error_message' end
    from pg_catalog.jsonb_array_elements(v_rows) r
    where m.account_id = (r ->> 'account_id')::uuid and m.send_key = r ->> 'send_key' and m.status in ('pending', 'unknown');

    -- The provider confirmed it never received this attempt (reconciliation of an unknown
    -- touch): it is sent again as the next attempt, with its own send_key, through a new
    -- claim (consent, quiet hours and suppression are checked again there). Only then;
    -- never on a guess, and never twice for one attempt (the attempt is unique).
    if v_rows @? '$[*] ? (@.was == "unknown" && @.result == "not_sent" && @.error_code == "reconciled_not_found")' then
      for v_r in select r from pg_catalog.jsonb_array_elements(v_rows) r
                 where r ->> 'was' = 'unknown' and r ->> 'result' = 'not_sent' and r ->> 'error_code' = 'reconciled_not_found'
                   and (r ->> 'attempt')::integer < 100
                 order by (r ->> 'n')::integer loop
        v_retry_id := null;
        insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at,
                                       payload, retry_of)
        values ((v_r ->> 'account_id')::uuid, (v_r ->> 'lead_id')::uuid, (v_r ->> 'campaign_id')::uuid, (v_r ->> 'step')::integer,
                (v_r ->> 'channel')::public.channel, (v_r ->> 'attempt')::integer + 1, 'queued', p_now, v_r -> 'payload',
                (v_r ->> 'id')::uuid)
        on conflict on constraint touch_runs_attempt_key do nothing
        returning id into v_retry_id;
        if v_retry_id is not null then
          v_retries := v_retries || pg_catalog.jsonb_build_object(v_r ->> 'n', v_retry_id);
        end if;
      end loop;
    end if;

    -- One memory event per outcome. Never received, so not an attempt that reached the
    -- lead (v_lead_channel_attempts counts touch_sent and touch_failed): the event says so
    -- (touch_not_received), and the timeline shows it.
    perform brain.record_event((r ->> 'account_id')::uuid, (r ->> 'lead_id')::uuid, x.event, 'dispatch_touch',
      case when r ->> 'status' = 'unknown' or x.retry_id is not null then 'internal' else 'outbound' end,
      pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
        'touch_run_id', r ->> 'id', 'send_key', r ->> 'send_key', 'campaign_id', (r ->> 'campaign_id')::uuid,
        'step', (r ->> 'step')::integer, 'attempt', (r ->> 'attempt')::integer, 'provider', r ->> 'provider',
        'provider_message_id', r ->> 'provider_message_id', 'error_code', r ->> 'error_code', 'retried_as', x.retry_id,
        'reason', case when x.retry_id is not null then 'reconciled_not_found' end,
        'source', r -> 'payload' -> 'meta' ->> 'source')),
      r ->> 'channel', p_now, 'touch_outcome:' || (r ->> 'id') || ':' || x.event)
    from pg_catalog.jsonb_array_elements(v_rows) r
    cross join lateral (select (v_retries ->> (r ->> 'n'))::uuid as retry_id) y
    cross join lateral (select y.retry_id,
                               case when y.retry_id is not null then 'touch_not_received' else r ->> 'event' end as event) x
    order by (r ->> 'n')::integer;

    if v_rows @? '$[*] ? (@.status == "unknown")' then
      select v_answers || coalesce(pg_catalog.jsonb_object_agg(r ->> 'n', pg_catalog.jsonb_build_object('recorded', true, 'status', 'unknown')), '{}'::jsonb)
      into v_answers
      from pg_catalog.jsonb_array_elements(v_rows) r where r ->> 'status' = 'unknown';
    end if;

    -- A send (not a transactional reply) moves a new or dead lead to touched, and the first
    -- touch (of a cadence, or after the last timers ran out) starts the 7/14/30-day timers (seed 004).
    if v_rows @? '$[*] ? (@.status == "sent")' then
      select coalesce(pg_catalog.array_agg((r ->> 'lead_id')::uuid order by (r ->> 'n')::integer), '{}') into v_leads
      from pg_catalog.jsonb_array_elements(v_rows) r
      join public.leads l on l.id = (r ->> 'lead_id')::uuid and l.account_id = (r ->> 'account_id')::uuid
      where r ->> 'status' = 'sent' and coalesce(r -> 'payload' -> 'meta' ->> 'transactional', 'false') <> 'true'
        and l.lead_state in ('new', 'dead');
      if pg_catalog.cardinality(v_leads) > 0 then
        perform 1 from brain.transition_leads(v_leads, 'touched', 'touch_sent', 'dispatch_touch');
      end if;
      -- Leads of this round's sends that have 7/14/30-day timers under way, each looked up by
      -- the timers' unique key (account_id, lead_id, timer_type): one lateral probe per lead
      -- (limit 1 keeps it a probe), whatever the planner guesses about the table's size, and
      -- "neither executed nor cancelled" as one coalesce so that the partial index of due
      -- timers (every pending timer of every lead) cannot be taken for it.
      select coalesce(pg_catalog.array_agg(x.lead_id), '{}') into v_timed
      from (select distinct (r ->> 'account_id')::uuid as account_id, (r ->> 'lead_id')::uuid as lead_id
            from pg_catalog.jsonb_array_elements(v_rows) r where r ->> 'status' = 'sent') x
      cross join lateral (select 1 from public.lead_timers lt
                          where lt.account_id = x.account_id and lt.lead_id = x.lead_id
                            and lt.timer_type in ('TIMER_7D', 'TIMER_14D', 'TIMER_30D')
                            and coalesce(lt.executed_at, lt.cancelled_at) is null
                          limit 1) y;
      insert into public.lead_timers (account_id, lead_id, timer_type, trigger_at, payload)
      select (r ->> 'account_id')::uuid, (r ->> 'lead_id')::uuid, x.timer_type, p_now + x.after,
             pg_catalog.jsonb_build_object('touch_run_id', (r ->> 'id')::uuid, 'campaign_id', (r ->> 'campaign_id')::uuid)
      from pg_catalog.jsonb_array_elements(v_rows) r
      cross join (values ('TIMER_7D', interval '7 days'), ('TIMER_14D', interval '14 days'), ('TIMER_30D', interval '30 days')) x(timer_type, after)
      where r ->> 'status' = 'sent' and coalesce(r -> 'payload' -> 'meta' ->> 'transactional', 'false') <> 'true'
        and not ((r ->> 'lead_id')::uuid = any(v_timed))
      on conflict (account_id, lead_id, timer_type) do update
        set trigger_at = excluded.trigger_at, executed_at = null, cancelled_at = null, attempts = 0,
            last_error = null, payload = excluded.payload;
    end if;

    -- The intent is still on its way (the next attempt): nothing to route yet. Else the
    -- smart router decides what comes next, touch by touch.
    for v_r in select r from pg_catalog.jsonb_array_elements(v_rows) r where r ->> 'status' <> 'unknown'
               order by (r ->> 'n')::integer loop
      v_answers := v_answers || pg_catalog.jsonb_build_object(v_r ->> 'n',
        case when v_retries ? (v_r ->> 'n') then
          pg_catalog.jsonb_build_object('recorded', true, 'status', v_r ->> 'status', 'retried_as', v_retries -> (v_r ->> 'n'),
                                        'attempt', (v_r ->> 'attempt')::integer + 1)
        else pg_catalog.jsonb_build_object('recorded', true, 'status', v_r ->> 'status',
                                           'route', brain.route_touch((v_r ->> 'id')::uuid, p_now)) end);
    end loop;
  end loop;

  return query
    select (e ->> 'id')::uuid, v_answers -> (e ->> 'n')
    from pg_catalog.jsonb_array_elements(v_items) e
    order by (e ->> 'n')::integer;
end
$$;

comment on function brain.record_touch_outcome_rows(jsonb, timestamptz) is
  'Records the outcomes of a set of claimed touches (p_outcomes: a JSON array of {touch_run_id, result, provider_message_id, provider_status, error_code, error_message, email_message_id (email: the Message-ID the driver gave it, kept on outbound_messages.email_message_id)}), set-based, with exactly brain.record_touch_outcome''s rules, writes and answers (see brain.record_touch_outcome); one row per element, in order: touch_run_id and the answer. An element with an invalid result raises invalid_argument and one whose touch is not visible raises touch_not_found, so nothing is recorded. Outcomes of one lead are recorded one per round in the given order, so a later one sees what an earlier one did (a second outcome for the same touch is answered recorded false). brain.record_touch_outcome is this function for one outcome; brain.record_touch_outcomes calls it for a batch.';

revoke execute on function brain.record_touch_outcome_rows(jsonb, timestamptz) from public;
grant execute on function brain.record_touch_outcome_rows(jsonb, timestamptz) to revenue_worker;
