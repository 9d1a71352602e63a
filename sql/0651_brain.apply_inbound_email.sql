-- The decision logic of one emailed reply (issue 17: email replies join the inbox), applied
-- by the receipts drain from an inbound_email receipt (brain.apply_webhook_receipt). Both
-- doors (Elastic Email's inbound route, the signed /webhooks/email/inbound) parse the
-- email in TypeScript (MIME, the reply text without the quoted part and the signature,
-- and what its headers say: a DSN bounce or an automatic reply) and leave the decisions here:
--   1. a replay (the same Message-ID already recorded for the account) is a duplicate;
--   2. threading: In-Reply-To, then References (newest first), naming one of our
--      messages (outbound_messages.email_message_id) give the lead and the message answered;
--   3. routing: else the email must be addressed (To or Cc) to one of the account's own
--      sender addresses (sender_addresses), else nothing is written (unknown_recipient);
--   4. the lead: the thread's, else the sender's (leads.email, then alternate_emails), else a
--      new lead (public.find_or_create_lead). A bounce or an automatic reply never creates a
--      lead: a bounce is matched by its bounced address, an automatic reply by its sender;
--   5. a bounce suppresses the bounced address for email (public.suppress_lead_channel, as
--      an Elastic hard bounce does), fails the message it answers, marks the lead's email
--      hard_bounced when it is the bounced address and counts against the sending inbox
--      (brain.record_sender_event, issue 19); an automatic reply is
--      recorded and changes nothing else; neither is read for consent nor halts outreach;
--   6. a colleague CC'd on the thread who answers (the sender is not the lead's email)
--      becomes the lead's current replier and one of its alternate_emails (seed 003 §6);
--   7. consent (brain.classify_consent) reads the subject (unless it is our own subject
--      answered) and the text: an opt-out or "wrong person" unsubscribes the sender's
--      address and the lead's email from email, and "stop all" every channel of the lead,
--      as an SMS STOP does; outreach stops;
--   8. any other reply is a conversation: brain.apply_lead_reply, as for SMS.
-- The inbound_messages insert queues the AI stage (or the drain's rules tag it: bounce →
-- Blacklist, auto_reply → Automated Reply).
create or replace function brain.apply_inbound_email(
  p_account_id uuid,
  p_provider text,
  p_message_id text,
  p_from text,
  p_from_name text,
  p_to text[],
  p_cc text[],
  p_subject text,
  p_body text,
  p_in_reply_to text default null,
  p_references text[] default null,
  p_auto_kind text default null,
  p_auto_reason text default null,
  p_bounced_addresses text[] default null,
  p_received_at timestamptz default now(),
  p_nul_replaced_fields text[] default null
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  c_prefixes constant text := '^\s*((re|fw|fwd|aw|wg|rv|sv|tr|r|res|enc)\s*(\[\d+\])?\s*:\s*)+';
  v_from text := pg_catalog.lower(pg_catalog.btrim(p_from));
  v_name text := nullif(pg_catalog.left(pg_catalog.btrim(coalesce(p_from_name, '')), 200), '');
  v_ids text[];
  v_out public.outbound_messages;
  v_ours text;
  v_persona text;
  v_lead_id uuid;
  v_matched_by text;
  v_created boolean := false;
  v_lead public.leads;
  v_addr text;
  v_subject_core text;
  v_consent_text text;
  v_consent record;
  v_rule text;
  v_scope text;
  v_review boolean := false;
  v_keyword text := 'none';
  v_class text := 'neutral';
  v_message_id uuid;
  v_replier boolean := false;
  v_suppressed integer := 0;
  v_effect jsonb;
  v_result jsonb := '{}'::jsonb;
  v_stage text;
  v_first text;
  v_last text;
begin
  if p_account_id is null or p_provider is null or p_provider !~ '^[a-z][a-z0-9_]{0,39}$' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the account and the provider are required';
  end if;
  if p_message_id is null or pg_catalog.length(p_message_id) not between 1 and 200 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the email''s message id (1-200 characters) is required';
  end if;
  if v_from is null or pg_catalog.length(v_from) > 320 or v_from !~ '^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the sender must be one email address';
  end if;
  if p_auto_kind is not null and p_auto_kind not in ('bounce', 'auto_reply') then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'auto_kind must be bounce, auto_reply or null';
  end if;
  if pg_catalog.cardinality(coalesce(p_to, '{}')) + pg_catalog.cardinality(coalesce(p_cc, '{}')) > 100
     or pg_catalog.cardinality(coalesce(p_references, '{}')) > 100 or pg_catalog.cardinality(coalesce(p_bounced_addresses, '{}')) > 20 then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'at most 100 recipients, 100 references and 20 bounced addresses';
  end if;

  -- Our own address writing to us (a mail loop, a copy of our own message): never a lead.
  if exists (select 1 from public.sender_addresses o where o.address = v_from and o.account_id = p_account_id) then
    return pg_catalog.jsonb_build_object('outcome', 'own_address', 'account_id', p_account_id);
  end if;

  -- 1. A replay, through either door.
  if exists (select 1 from public.inbound_messages m
             where m.account_id = p_account_id and m.provider = any (array['email', 'elastic_email', p_provider])
               and m.provider_message_id = p_message_id) then
    return pg_catalog.jsonb_build_object('outcome', 'duplicate', 'account_id', p_account_id);
  end if;

  -- 2. Threading: the reply names the message it answers (In-Reply-To), else the thread
  -- (References, the newest last): the first of ours found wins.
  v_ids := array(select pg_catalog.lower(pg_catalog.btrim(x.id))
                 from (select p_in_reply_to as id, 0 as n
                       union all
                       select r.id, 1000 - r.n from pg_catalog.unnest(p_references) with ordinality r(id, n)) x
                 where x.id is not null and pg_catalog.btrim(x.id) <> ''
                 order by x.n);
  if pg_catalog.cardinality(v_ids) > 0 then
    select m.* into v_out
    from pg_catalog.unnest(v_ids) with ordinality r(id, n)
    join public.outbound_messages m on m.account_id = p_account_id and m.email_message_id = r.id
    where m.channel = 'email'
    order by r.n
    limit 1;
  end if;

  -- 3. Routing: one of our addresses, To first.
  select o.address into v_ours
  from pg_catalog.unnest(coalesce(p_to, '{}') || coalesce(p_cc, '{}')) with ordinality a(address, n)
  join public.sender_addresses o on o.address = pg_catalog.lower(pg_catalog.btrim(a.address)) and o.account_id = p_account_id
  order by a.n
  limit 1;
  if v_ours is null and v_out.id is null then
    return pg_catalog.jsonb_build_object('outcome', 'unknown_recipient', 'account_id', p_account_id);
  end if;
  if v_ours is not null then
    select r.persona into v_persona from brain.route_inbound_address(v_ours, 'email') r;
  end if;

  -- 4. The lead.
  if v_out.id is not null then
    v_lead_id := v_out.lead_id;
    v_matched_by := 'thread';
  elsif p_auto_kind is not null then
    for v_addr in
      select pg_catalog.lower(pg_catalog.btrim(a)) from pg_catalog.unnest(
        case when p_auto_kind = 'bounce' then coalesce(p_bounced_addresses, '{}') else array[v_from] end) a
    loop
      continue when v_addr !~ '^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$';
      select m.lead_id, m.matched_by into v_lead_id, v_matched_by from brain.match_lead(p_account_id, null, null, v_addr, null) m;
      exit when v_lead_id is not null;
    end loop;
  else
    if v_name is not null and v_name !~ '@' then
      v_first := nullif(pg_catalog.split_part(v_name, ' ', 1), '');
      v_last := nullif(pg_catalog.btrim(pg_catalog.substr(v_name, pg_catalog.length(pg_catalog.split_part(v_name, ' ', 1)) + 1)), '');
    end if;
    select f.lead_id, f.matched_by, f.created into v_lead_id, v_matched_by, v_created
    from public.find_or_create_lead(p_account_id, pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'source', 'inbound_email', 'email', v_from, 'first_name', v_first, 'last_name', v_last))) f;
    v_matched_by := case when v_created then 'created' else v_matched_by end;
  end if;

  if v_lead_id is null then
    -- An automatic email about nobody we know: a bounce still stops email to the bounced
    -- address for the whole account; an automatic reply is dropped.
    if p_auto_kind = 'bounce' then
      for v_addr in select distinct pg_catalog.lower(pg_catalog.btrim(a)) from pg_catalog.unnest(coalesce(p_bounced_addresses, '{}')) a loop
        continue when v_addr !~ '^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$' or pg_catalog.length(v_addr) > 320;
        v_effect := public.suppress_lead_channel(p_account_id, null, v_addr, 'email', 'bounce', 'webhook_' || p_provider, p_received_at);
        v_suppressed := v_suppressed + case when v_effect ->> 'outcome' = 'suppressed' then 1 else 0 end;
      end loop;
      return pg_catalog.jsonb_build_object('outcome', 'unmatched_bounce', 'account_id', p_account_id, 'suppressed', v_suppressed);
    end if;
    return pg_catalog.jsonb_build_object('outcome', 'unknown_sender', 'account_id', p_account_id);
  end if;

  select l.* into v_lead from public.leads l where l.id = v_lead_id for update;

  -- 6. Who answered: a colleague on the thread becomes the current replier (seed 003 §6);
  -- the lead answering from its own address again takes its place back.
  if p_auto_kind is null then
    if v_lead.email is null or v_from <> v_lead.email::text then
      v_replier := true;
      update public.leads l
      set alternate_emails = case when l.alternate_emails @> array[v_from::public.email_address] then l.alternate_emails
                                  else l.alternate_emails || v_from::public.email_address end,
          current_replier_email = v_from,
          current_replier_name = coalesce(v_name, case when l.current_replier_email = v_from then l.current_replier_name end),
          current_replier_since = case when l.current_replier_email is not distinct from v_from::public.email_address
                                       then l.current_replier_since else p_received_at end
      where l.id = v_lead_id;
    elsif v_lead.current_replier_email is not null then
      update public.leads set current_replier_email = null, current_replier_name = null, current_replier_since = null
      where id = v_lead_id;
    end if;
  end if;

  -- 7. Consent: the subject too, unless it is only our own subject answered ("Re: …").
  if p_auto_kind is null then
    v_subject_core := pg_catalog.btrim(pg_catalog.regexp_replace(coalesce(p_subject, ''), c_prefixes, '', 'i'));
    v_consent_text := case
      when v_subject_core = '' then coalesce(p_body, '')
      when v_out.id is not null and pg_catalog.lower(v_subject_core)
             = pg_catalog.lower(pg_catalog.btrim(pg_catalog.regexp_replace(coalesce(v_out.subject, ''), c_prefixes, '', 'i')))
        then coalesce(p_body, '')
      else v_subject_core || E'\n' || coalesce(p_body, '') end;
    select c.* into v_consent from brain.classify_consent(v_consent_text) c;
    v_keyword := v_consent.kind;
    v_rule := v_consent.rule;
    v_scope := v_consent.scope;
    v_review := coalesce(v_consent.needs_review, false);
    v_class := case when v_keyword in ('opt_out', 'wrong_number') then 'keyword'
                    else brain.classify_reply(coalesce(p_body, ''), v_keyword) end;
  end if;

  insert into public.inbound_messages (account_id, lead_id, channel, provider, provider_message_id, from_address,
                                       to_address, persona, body, subject, keyword, consent_rule, classification,
                                       auto_kind, auto_reason, in_reply_to_outbound_id, received_at, nul_replaced_fields)
  values (p_account_id, v_lead_id, 'email', p_provider, p_message_id, v_from,
          coalesce(v_ours, pg_catalog.lower(pg_catalog.btrim(p_to[1]))), v_persona, coalesce(p_body, ''),
          nullif(pg_catalog.left(p_subject, 998), ''), v_keyword, v_rule, v_class,
          p_auto_kind, case when p_auto_kind is not null then coalesce(nullif(pg_catalog.left(p_auto_reason, 200), ''), p_auto_kind) end,
          v_out.id, p_received_at, nullif(p_nul_replaced_fields, '{}'::text[]))
  returning id into v_message_id;

  -- The bell's stage: the persona address written to, else the touch answered.
  v_stage := case v_persona when 'nudge' then 'nudger' when 'booking' then 'book_appointment' end;
  if v_stage is null then
    select case
             when t.payload -> 'meta' ->> 'source' = 'brain_full_auto_reactivation' then 'retarget'
             when c.message_class in ('nurture', 'content_nurture') then 'content_nurture'
           end
      into v_stage
    from public.touch_runs t
    left join public.campaigns c on c.id = t.campaign_id and c.account_id = t.account_id
    where t.id = v_out.touch_run_id;
    v_stage := coalesce(v_stage, 'initial_message');
  end if;

  if p_auto_kind = 'bounce' then
    -- 5. A bounce: email to the bounced address stops (as an Elastic hard bounce does), and
    -- the message it answers failed (its touch routes to the next channel).
    for v_addr in
      select distinct pg_catalog.lower(pg_catalog.btrim(a))
      from pg_catalog.unnest(coalesce(nullif(p_bounced_addresses, '{}'::text[]), array[coalesce(v_out.to_address, v_lead.email::text)])) a
      where a is not null
    loop
      continue when v_addr !~ '^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$' or pg_catalog.length(v_addr) > 320;
      v_effect := public.suppress_lead_channel(p_account_id, v_lead_id, v_addr, 'email', 'bounce', 'webhook_' || p_provider, p_received_at);
      v_suppressed := v_suppressed + case when v_effect ->> 'outcome' = 'suppressed' then 1 else 0 end;
    end loop;
    if v_out.touch_run_id is not null then
      v_result := pg_catalog.jsonb_build_object('delivery',
        brain.apply_message_status(v_out.provider, 'dsn:' || p_message_id, v_out.provider_message_id, v_out.touch_run_id,
                                   'failed', 'bounced', 'bounce', p_received_at, false));
    end if;
    -- Issue 19, as an Elastic hard bounce: the lead's own address is known dead (unreachable for
    -- email until it changes), and the bounce counts against the inbox that sent the message.
    update public.leads l set email_status = 'hard_bounced', email_bounced_at = p_received_at
    where l.id = v_lead_id and l.account_id = p_account_id
      and pg_catalog.lower(l.email::text) = any(array(
        select pg_catalog.lower(pg_catalog.btrim(a))
        from pg_catalog.unnest(coalesce(nullif(p_bounced_addresses, '{}'::text[]), array[coalesce(v_out.to_address, v_lead.email::text)])) a));
    if v_out.id is not null then
      v_result := v_result || pg_catalog.jsonb_build_object('sender',
        brain.record_sender_event(p_account_id, v_out.id, 'hard_bounce', p_received_at));
    end if;
  elsif p_auto_kind = 'auto_reply' then
    -- An automatic reply (out of office, an autoresponder): recorded, never a conversation.
    perform brain.record_event(p_account_id, v_lead_id, 'inbound_auto_reply', 'webhook_' || p_provider, 'internal',
      pg_catalog.jsonb_build_object('inbound_message_id', v_message_id, 'reason', p_auto_reason, 'stage', v_stage),
      'email', p_received_at, 'inbound:email:' || p_message_id);
  else
    perform brain.record_event(p_account_id, v_lead_id, 'inbound_message', 'webhook_' || p_provider, 'inbound',
      pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
        'inbound_message_id', v_message_id, 'keyword', v_keyword, 'consent_rule', v_rule,
        'classification', v_class, 'persona', v_persona, 'stage', v_stage,
        'in_reply_to_outbound_id', v_out.id, 'replier', case when v_replier then v_from end)),
      'email', p_received_at, 'inbound:email:' || p_message_id, case when v_keyword in ('opt_out', 'wrong_number') then 0 else 3 end);
    if v_keyword in ('opt_out', 'wrong_number') then
      -- An opt-out by email stops email to the address that asked and to the lead's own (a
      -- colleague's "remove us" speaks for the thread: a missed revocation costs more than a
      -- false one); "stop all" stops every channel of the lead, as an SMS STOP all does.
      for v_addr in select distinct x from pg_catalog.unnest(array[v_from, v_lead.email::text]) x where x is not null loop
        v_effect := public.suppress_lead_channel(p_account_id, v_lead_id, v_addr, 'email', 'unsubscribe',
                                                 'webhook_' || p_provider, p_received_at);
        v_suppressed := v_suppressed + case when v_effect ->> 'outcome' = 'suppressed' then 1 else 0 end;
      end loop;
      if v_keyword = 'opt_out' and v_scope = 'all' then
        with added as (
          insert into public.suppressions (account_id, channel, phone, email, reason, source, lead_id, created_at)
          select p_account_id, null, a.phone, a.email, 'opt_out_keyword', 'inbound_email', v_lead_id, p_received_at
          from (select v_lead.phone as phone, null::public.email_address as email where v_lead.phone is not null
                union all select null, v_lead.email where v_lead.email is not null) a
          on conflict do nothing
          returning 1)
        select v_suppressed + count(*) into v_suppressed from added;
        perform brain.record_event(p_account_id, v_lead_id, 'opt_out', 'webhook_' || p_provider, 'inbound',
          pg_catalog.jsonb_build_object('inbound_message_id', v_message_id, 'rule', v_rule, 'scope', 'all',
                                        'needs_review', v_review), 'email', p_received_at);
        update public.call_queue set status = 'canceled', completed_at = p_received_at
        where lead_id = v_lead_id and status = 'pending';
      end if;
      if v_review then
        update public.leads set consent_review_at = p_received_at, consent_review_rule = v_rule
        where id = v_lead_id;
      end if;
      v_result := brain.halt_outreach(v_lead_id, 'opt_out', 'stopped', p_received_at);
    else
      -- 8. A conversation, the same as on every channel.
      v_result := brain.apply_lead_reply(p_account_id, v_lead_id, v_message_id, 'email', p_provider, v_class, p_received_at);
    end if;
  end if;

  perform pg_catalog.pg_notify('revenue_inbound', pg_catalog.json_build_object(
    'account_id', p_account_id, 'lead_id', v_lead_id, 'inbound_message_id', v_message_id,
    'channel', 'email', 'stage', v_stage, 'keyword', v_keyword, 'classification', v_class)::text);

  return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'outcome', 'recorded', 'account_id', p_account_id, 'lead_id', v_lead_id, 'lead_created', v_created,
    'matched_by', v_matched_by, 'inbound_message_id', v_message_id, 'in_reply_to_outbound_id', v_out.id,
    'persona', v_persona, 'keyword', v_keyword, 'consent_rule', v_rule, 'classification', v_class,
    'auto_kind', p_auto_kind, 'current_replier', case when v_replier then v_from end, 'suppressed', v_suppressed,
    'stage', v_stage)) || v_result;
end
$$;

comment on function brain.apply_inbound_email(uuid, text, text, text, text, text[], text[], text, text, text, text[], text, text, text[], timestamptz, text[]) is
  'The decision logic of an emailed reply to p_account_id (an inbound_email receipt; brain.apply_webhook_receipt calls it). p_message_id: the email''s id as recorded (its Message-ID, or a digest when it has none); p_from: the sender''s bare address (p_from_name its display name); p_body: the reply text without the quoted part and the signature (stripped before the receipt); p_auto_kind / p_auto_reason: bounce (a DSN) or auto_reply as the headers said; p_bounced_addresses: the DSN''s failed recipients. Outcomes: own_address (sent from one of the account''s own sender addresses: a mail loop; nothing written), duplicate (the account already has this email, through either door; nothing written), unknown_recipient (addressed to none of the account''s sender_addresses and answering none of its messages; nothing written), unmatched_bounce (a bounce about nobody known: the bounced addresses are suppressed for email, nothing else), unknown_sender (an automatic reply from nobody known; nothing written), recorded: one inbound_messages row (channel email, subject, auto_kind/auto_reason, in_reply_to_outbound_id: the message of ours its In-Reply-To or References named, outbound_messages.email_message_id). The lead: the thread''s, else the sender''s (email, then alternate_emails; brain.match_lead), else created (public.find_or_create_lead, source inbound_email; never for a bounce or an automatic reply). A person''s reply from an address that is not the lead''s email makes that address the lead''s current replier (leads.current_replier_email, _name, _since) and one of its alternate_emails; from the lead''s own address it clears them. A bounce suppresses the bounced addresses for email (public.suppress_lead_channel, reason bounce) and fails the message answered (brain.apply_message_status); the lead''s email, when bounced, becomes email_status hard_bounced and the bounce counts against the inbox that sent the message (brain.record_sender_event, whose guard may pause it); an automatic reply records inbound_auto_reply; neither is read for consent or halts outreach. Otherwise brain.classify_consent reads the subject (not when it is the answered message''s own subject, Re:/Fwd: aside) and the text: opt_out or wrong_number unsubscribes the sender''s address and the lead''s email from email (suppress_lead_channel, reason unsubscribe), scope all also suppresses the lead''s phone and email on every channel (opt_out event, scope all) and cancels its pending calls, a revocation read from a longer sentence flags the lead for consent review, and outreach stops (brain.halt_outreach opt_out, stopped); any other reply is a conversation (brain.apply_lead_reply: paused, responded, positive/negative). Returns {outcome, account_id, lead_id, lead_created, matched_by (thread, email, alternate_email, created), inbound_message_id, in_reply_to_outbound_id, persona, keyword, consent_rule, classification, auto_kind, current_replier, suppressed, stage} and what halt_outreach or the delivery report answered.';

-- Writes: only the definer functions that call it (the drain) may.
revoke execute on function brain.apply_inbound_email(uuid, text, text, text, text, text[], text[], text, text, text, text[], text, text, text[], timestamptz, text[]) from public;
