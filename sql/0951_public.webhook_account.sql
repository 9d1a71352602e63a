-- Webhooks are verified with the key of the account they concern, so the
-- account is found first, from what the request names: the touch (a signed
-- touch id), the provider's message or call id, our number it was sent to or
-- from, or the account's slug (bookings). The ingest function called after
-- verification finds its message by the same touch and id, so the key checked
-- is always the key of the account whose data the request can change.
create or replace function public.webhook_account(
  p_provider text,
  p_touch_run_id uuid default null,
  p_provider_message_id text default null,
  p_address text default null,
  p_account_slug text default null
)
returns table (account_id uuid, found_by text, credentials_updated_at timestamptz)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_by_touch uuid;
  v_by_message uuid;
  v_message_accounts integer := 0;
  v_account uuid;
  v_found_by text := 'none';
begin
  if p_provider is null or p_provider not in ('twilio', 'telnyx', 'elastic_email', 'calendly', 'slack') then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('provider must be twilio, telnyx, elastic_email, calendly or slack, not %s', coalesce(p_provider, 'null'));
  end if;

  if p_provider = 'slack' then
    -- A Slack click (the AI inbox's Approve & Send) names the message it came from: the
    -- channel (p_address) and the message ts (p_provider_message_id) of a draft's review post.
    if p_address is not null and p_provider_message_id is not null then
      select d.account_id into v_account from public.ai_drafts d
      where d.slack_channel_id = p_address and d.slack_message_ts = p_provider_message_id;
    end if;
    return query
    select v_account, case when v_account is null then 'none' else 'message' end,
           (select c.updated_at from public.account_provider_credentials c
            where c.account_id = v_account and c.provider = 'slack');
    return;
  end if;

  if p_touch_run_id is not null then
    select t.account_id into v_by_touch from public.touch_runs t where t.id = p_touch_run_id;
  end if;
  if p_provider_message_id is not null then
    select min(m.account_id::text)::uuid, count(distinct m.account_id) into v_by_message, v_message_accounts
    from public.outbound_messages m
    where m.provider = p_provider and m.provider_message_id = p_provider_message_id;
  end if;

  if v_message_accounts > 1 or (v_by_touch is not null and v_by_message is not null and v_by_touch <> v_by_message) then
    -- The touch and the message belong to different accounts: no key may speak for both.
    return query select null::uuid, 'conflict'::text, null::timestamptz;
    return;
  end if;

  if v_by_touch is not null then
    v_account := v_by_touch;
    v_found_by := 'touch';
  elsif v_by_message is not null then
    v_account := v_by_message;
    v_found_by := 'message';
  elsif p_account_slug is not null then
    select a.id into v_account from public.accounts a where a.slug = p_account_slug;
    if v_account is not null then
      v_found_by := 'slug';
    end if;
  elsif p_address is not null then
    select o.account_id into v_account from public.sender_addresses o
    where o.address = pg_catalog.lower(pg_catalog.btrim(p_address));
    if v_account is not null then
      v_found_by := 'address';
    end if;
  end if;

  return query
  select v_account, v_found_by,
         (select c.updated_at from public.account_provider_credentials c
          where c.account_id = v_account and c.provider = p_provider);
end
$$;

comment on function public.webhook_account(text, uuid, text, text, text) is
  'The account a provider webhook concerns, found before its signature is checked: by p_touch_run_id (a touch id the provider signed), else by the provider''s message or call id (outbound_messages), else by the account slug (bookings), else by the owner of p_address (sender_addresses); for slack, by the AI draft whose review post is the message p_address (the channel) and p_provider_message_id (its ts) name. found_by says which (touch, message, slug, address, none); conflict (no account) when the touch and the message belong to different accounts. credentials_updated_at: when the account''s stored credentials for p_provider (twilio, telnyx, elastic_email, calendly, slack) last changed, null when it has none (the environment keys then apply). Never returns a secret.';

revoke execute on function public.webhook_account(text, uuid, text, text, text) from public;
grant execute on function public.webhook_account(text, uuid, text, text, text) to revenue_worker, revenue_ingest;
