-- Consent first: a STOP waiting in the receipts backlog suppresses its phone now,
-- before the drain reaches it (claim_touch also re-checks consent at send time).
create or replace function brain.apply_pending_consent(p_limit integer default 1000)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_checked integer;
  v_opt_outs integer;
  v_suppressions integer;
begin
  if p_limit is null or p_limit < 1 or p_limit > 50000 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'p_limit must be between 1 and 50000';
  end if;
  with pending as (
    -- skip locked: a receipt the drain holds is being applied in full right now.
    select r.provider, r.idempotency_key, r.account_id, r.seq, r.payload,
           coalesce((r.payload ->> 'received_at')::timestamptz, r.received_at) as received_at
    from public.webhook_receipts r
    where r.processed_at is null and r.consent_checked_at is null and r.kind = 'inbound_message'
    -- Newest first: a STOP that just arrived is read by the next pass however long the
    -- backlog behind it; older receipts are read by later passes, or applied (consent
    -- included) by the drain in order.
    order by r.seq desc
    limit p_limit
    for update skip locked),
  classified as (
    select p.*, c.kind, c.rule, c.scope, c.needs_review
    from pending p
    cross join lateral brain.classify_consent(p.payload ->> 'body') c),
  revoked as (
    select k.*
    from classified k
    where k.kind = 'opt_out' and k.payload ->> 'from' ~ '^\+[1-9][0-9]{7,14}$'),
  first_revocation as (
    -- Several STOPs from one phone in the backlog: the first one owns the new rows.
    select distinct on (v.account_id, v.payload ->> 'from') v.*
    from revoked v
    order by v.account_id, v.payload ->> 'from', v.seq),
  added as (
    insert into public.suppressions (account_id, channel, phone, reason, source, created_at)
    select f.account_id, x.channel::public.channel, (f.payload ->> 'from')::public.e164_phone, 'opt_out_keyword',
           'inbound_' || coalesce(f.payload ->> 'channel', 'sms'), f.received_at
    from first_revocation f
    cross join lateral (select c from pg_catalog.unnest(array['sms', 'whatsapp', 'voice']) c
                        union all select null where f.scope = 'all') x(channel)
    on conflict do nothing
    returning account_id, phone),
  counted as (
    select f.provider, f.idempotency_key, count(a.phone)::integer as n
    from first_revocation f
    left join added a on a.account_id = f.account_id and a.phone::text = f.payload ->> 'from'
    group by f.provider, f.idempotency_key),
  marked as (
    update public.webhook_receipts r
    set consent_checked_at = pg_catalog.clock_timestamp(),
        consent_suppressions = coalesce(c.n, 0),
        -- The drain applies this reading instead of classifying the body again.
        consent = pg_catalog.jsonb_build_object('kind', k.kind, 'rule', k.rule, 'scope', k.scope, 'needs_review', k.needs_review)
    from classified k
    left join counted c on c.provider = k.provider and c.idempotency_key = k.idempotency_key
    where r.provider = k.provider and r.idempotency_key = k.idempotency_key and r.account_id = k.account_id
    returning c.n)
  select count(*)::integer, count(n)::integer, coalesce(sum(n), 0)::integer
  into v_checked, v_opt_outs, v_suppressions
  from marked;
  return pg_catalog.jsonb_build_object('checked', v_checked, 'opt_outs', v_opt_outs, 'suppressions', v_suppressions);
end
$$;

comment on function brain.apply_pending_consent(integer) is
  'The consent pre-pass of receipts-first ingest, set-based: reads up to p_limit waiting inbound-message receipts (newest first, so a STOP that just arrived is read by the next pass however long the backlog; skipping those a drainer holds), classifies each body with brain.classify_consent and, for a revocation (opt_out), suppresses the sender''s phone for SMS, WhatsApp and voice (and every channel for the phone when the reply names them all) at once, as the full ingest would, so a STOP takes effect before the drain reaches it. Marks each receipt consent_checked_at, keeps the reading on it (webhook_receipts.consent: {kind, rule, scope, needs_review}, which the drain applies instead of classifying the body again) and records on the first revocation of each phone how many suppressions it created (webhook_receipts.consent_suppressions), which brain.apply_inbound_message counts as its own so the confirmation goes out once. The rest (the opt_out event, halting outreach, the confirmation) is the drain''s. Returns {checked, opt_outs, suppressions}.';

revoke execute on function brain.apply_pending_consent(integer) from public;
grant execute on function brain.apply_pending_consent(integer) to revenue_worker;
