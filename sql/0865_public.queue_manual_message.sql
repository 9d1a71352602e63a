-- An operator's one-off message to a lead goes through the dispatch path like any touch.
create or replace function public.queue_manual_message(
  p_lead_id uuid,
  p_channel text,
  p_body text,
  p_subject text,
  p_actor text,
  p_now timestamptz default now(),
  p_request_id text default null
)
returns uuid
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_lead public.leads;
  v_attempt integer;
  v_id uuid;
  v_problems text[];
  v_problem text;
begin
  if p_request_id is not null and pg_catalog.length(p_request_id) not between 8 and 100 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the request id has 8 to 100 characters';
  end if;
  if p_channel is null or p_channel not in ('sms', 'whatsapp', 'email') then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'channel must be sms, whatsapp or email';
  end if;
  if p_body is null or pg_catalog.length(pg_catalog.btrim(p_body)) = 0 or pg_catalog.length(p_body) > 1600 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the message needs 1 to 1600 characters';
  end if;
  if p_channel = 'email' and (p_subject is null or pg_catalog.length(pg_catalog.btrim(p_subject)) = 0) then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'an email needs a subject';
  end if;
  select l.* into v_lead from public.leads l where l.id = p_lead_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'lead_not_found', detail = 'no such lead in this account';
  end if;
  -- The claim's own reachability rule (brain.address_problem, with what enrichment learned):
  -- refused now, while the person is looking, rather than canceled at send time.
  v_problem := brain.address_problem(p_channel, v_lead.phone, v_lead.email, v_lead.phone_line_type, v_lead.phone_status,
                                     v_lead.email_status, v_lead.email_is_role, v_lead.email_is_disposable, true);
  if v_problem is not null then
    raise exception using errcode = '22023', message = 'unreachable',
      detail = case v_problem
        when 'unreachable' then pg_catalog.format('the lead has no address for %s', p_channel)
        when 'phone_invalid' then 'the lead''s phone number is not a valid number (enrichment)'
        when 'phone_disconnected' then 'the lead''s phone number is disconnected (enrichment)'
        when 'phone_not_mobile' then pg_catalog.format('the lead''s phone is a landline: %s cannot reach it; call instead', p_channel)
        when 'email_invalid_syntax' then 'the lead''s email address is not a valid address'
        when 'email_no_mx' then 'the lead''s email domain has no mail server (no MX record)'
        when 'email_hard_bounced' then 'the lead''s email address hard-bounced'
        when 'email_disposable' then 'the lead''s email address is at a disposable-mail domain'
        else pg_catalog.format('the lead cannot be reached by %s (%s)', p_channel, v_problem) end;
  end if;
  -- Strict templates: a placeholder the lead cannot fill is refused now, while the
  -- operator is looking, rather than canceled at send time.
  v_problems := brain.template_problems(p_body, coalesce(brain.template_values(v_lead.id), '{}'::jsonb))
                || brain.template_problems(p_subject, coalesce(brain.template_values(v_lead.id), '{}'::jsonb));
  if pg_catalog.cardinality(v_problems) > 0 then
    raise exception using errcode = '22023', message = pg_catalog.split_part(v_problems[1], ':', 1),
      detail = pg_catalog.format('the message cannot be sent to this lead (%s): fill in the lead, remove the placeholder or give it a default such as {{first_name|there}}',
                                 pg_catalog.array_to_string(v_problems, ', '));
  end if;
  -- A resubmitted form or a retried API call carries the same request id: the
  -- message already queued answers it (the lead row lock above serializes them).
  if p_request_id is not null then
    select t.id into v_id from public.touch_runs t
    where t.lead_id = v_lead.id and t.campaign_id is null and t.step = 99
      and t.payload -> 'meta' ->> 'request_id' = p_request_id;
    if found then
      return v_id;
    end if;
  end if;
  select coalesce(max(t.attempt), 0) + 1 into v_attempt
  from public.touch_runs t
  where t.lead_id = v_lead.id and t.campaign_id is null and t.step = 99 and t.channel = p_channel::public.channel;
  if v_attempt > 100 then
    raise exception using errcode = '54000', message = 'too_many_manual_messages', detail = 'at most 100 manual messages per lead and channel';
  end if;
  insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, created_at, payload)
  values (v_lead.account_id, v_lead.id, null, 99, p_channel::public.channel, v_attempt, 'queued', p_now, p_now,
          pg_catalog.jsonb_build_object(
            'message_class', 'manual',
            'delivery', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('body', p_body, 'subject', p_subject)),
            'meta', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('source', 'console', 'created_by', p_actor,
                                                                               'request_id', p_request_id))))
  returning id into v_id;
  perform brain.record_event(v_lead.account_id, v_lead.id, 'manual_message_queued', 'console', 'outbound',
    pg_catalog.jsonb_build_object('touch_run_id', v_id, 'actor', p_actor), p_channel, p_now);
  return v_id;
end
$$;

comment on function public.queue_manual_message(uuid, text, text, text, text, timestamptz, text) is
  'Queues an operator''s message (sms, whatsapp or email; 1-1600 characters; email needs a subject) as a touch_run on step 99 without a campaign, so it is sent by the dispatch path with every check a campaign touch gets: brain.claim_touch cancels it for a suppressed or opted-out lead and holds it until the lead''s send window opens. Returns the touch id; a repeated p_request_id (a resubmitted form, a retried call) returns the message already queued instead of queueing it twice. The body and subject may use public.template_variables() ({{first_name}}, {{first_name|there}}); a placeholder that is unknown or that the lead has no value for is refused (22023 unknown_template_variable / invalid_template_placeholder / missing_lead_data, detail names it). 22023 for bad input; 22023 unreachable when brain.address_problem says the channel cannot reach the lead (no address, an invalid or disconnected phone, texts to a landline, an email that is invalid, has no MX, hard-bounced or is disposable; role addresses are allowed for a person''s own message), the detail saying which; P0002 lead_not_found.';

revoke execute on function public.queue_manual_message(uuid, text, text, text, text, timestamptz, text) from public;
grant execute on function public.queue_manual_message(uuid, text, text, text, text, timestamptz, text) to revenue_api, revenue_worker;
