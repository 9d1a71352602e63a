-- Group commit for receipts-first ingest: the webhooks of several concurrent
-- requests written with one multi-row INSERT … ON CONFLICT DO NOTHING, one commit.
--
-- A receipt may carry `route`: the webhook process verified it with an account
-- lookup it had cached (api/domain/webhook-keys.ts) instead of asking
-- public.webhook_account again. The route says what that lookup found: our
-- number the request was sent to, and when the account's stored credentials
-- for the provider last changed (to the millisecond; null when it has none).
-- The receipt is written only when both still hold at this statement; else
-- it is `stale`, nothing is written, and the process looks the account up
-- afresh and verifies the request again. So a cached lookup never writes a
-- receipt that the uncached one would have refused or given to another account.
--
-- PL/pgSQL, not a SQL function: a SQL function that cannot be inlined (this one
-- is security definer with its own search_path) has its statement planned again
-- at every call, which cost more than the insert itself (1.1 ms against 0.5 ms a
-- call in bench/; plpgsql keeps the plan for the session).
create or replace function public.receive_webhooks(p_receipts jsonb)
returns table (n integer, outcome text)
language plpgsql
volatile
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  return query
  with input as (
    select e.n::integer as n, e.r, (e.r ->> 'account_id')::uuid as account_id,
           nullif(e.r -> 'route', 'null'::jsonb) as route
    from pg_catalog.jsonb_array_elements(p_receipts) with ordinality as e (r, n)
  ), checked as (
    select i.*,
           i.route is null
           or (exists (select 1 from public.sender_addresses o
                       where o.address = pg_catalog.lower(pg_catalog.btrim(i.route ->> 'address')) and o.account_id = i.account_id)
               and (select pg_catalog.date_trunc('milliseconds', c.updated_at) from public.account_provider_credentials c
                    where c.account_id = i.account_id and c.provider = i.route ->> 'credentials_provider')
                   is not distinct from (i.route ->> 'credentials_updated_at')::timestamptz) as current
    from input i
  ), added as (
    insert into public.webhook_receipts as w (provider, idempotency_key, account_id, event_type, nul_replaced_fields,
                                              kind, ordering_key, payload, processed_at)
    select c.r ->> 'provider', c.r ->> 'idempotency_key', c.account_id, c.r ->> 'event_type',
           nullif(array(select pg_catalog.jsonb_array_elements_text(coalesce(c.r -> 'nul_replaced_fields', '[]'::jsonb))), '{}'::text[]),
           c.r ->> 'kind', c.r ->> 'ordering_key', c.r -> 'payload', null::timestamptz
    from checked c
    where c.current
    order by c.n
    on conflict do nothing
    returning w.provider, w.idempotency_key
  ), ranked as (
    -- The same event twice in one group: the first is the receipt, the others duplicates.
    select c.n, c.current, c.r ->> 'provider' as provider, c.r ->> 'idempotency_key' as idempotency_key,
           pg_catalog.row_number() over (partition by c.current, c.r ->> 'provider', c.r ->> 'idempotency_key' order by c.n) as nth
    from checked c
  )
  select k.n,
         case when not k.current then 'stale'
              when k.nth = 1 and exists (select 1 from added a where a.provider = k.provider and a.idempotency_key = k.idempotency_key)
                then 'received'
              else 'duplicate' end
  from ranked k
  order by k.n;
end
$$;

comment on function public.receive_webhooks(jsonb) is
  'public.receive_webhook for several requests at once (the webhook process groups concurrent requests'' receipts into one statement and one commit): p_receipts is a json array of {account_id, provider, idempotency_key, event_type, kind, ordering_key, payload, nul_replaced_fields, route (absent or null: nothing to check)}, written in array order with one INSERT … ON CONFLICT DO NOTHING. Answers one row per element, n from 1: received (written), duplicate (that event was already received, or came earlier in the array), or stale: the element''s route ({address, credentials_provider, credentials_updated_at}, from a cached account lookup) no longer holds, because the address is no longer that account''s sender address or its stored credentials for the provider changed (compared to the millisecond); nothing is written for it and the caller looks the account up again. No NOTIFY, no job.';

revoke execute on function public.receive_webhooks(jsonb) from public;
grant execute on function public.receive_webhooks(jsonb) to revenue_ingest;
