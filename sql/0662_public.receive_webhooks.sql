-- Group commit for receipts-first ingest: the webhooks of several concurrent
-- requests written with one multi-row INSERT … ON CONFLICT DO NOTHING, one commit.
create or replace function public.receive_webhooks(p_receipts jsonb)
returns table (provider text, idempotency_key text)
language sql
volatile
security definer
set search_path = ''
as $$
  insert into public.webhook_receipts as w (provider, idempotency_key, account_id, event_type, nul_replaced_fields,
                                            kind, ordering_key, payload, processed_at)
  select e.r ->> 'provider', e.r ->> 'idempotency_key', (e.r ->> 'account_id')::uuid, e.r ->> 'event_type',
         nullif(array(select pg_catalog.jsonb_array_elements_text(coalesce(e.r -> 'nul_replaced_fields', '[]'::jsonb))), '{}'::text[]),
         e.r ->> 'kind', e.r ->> 'ordering_key', e.r -> 'payload', null::timestamptz
  from pg_catalog.jsonb_array_elements(p_receipts) with ordinality as e (r, n)
  order by e.n
  on conflict do nothing
  returning w.provider, w.idempotency_key
$$;

comment on function public.receive_webhooks(jsonb) is
  'public.receive_webhook for several requests at once (the webhook process groups concurrent requests'' receipts into one statement and one commit): p_receipts is a json array of {account_id, provider, idempotency_key, event_type, kind, ordering_key, payload, nul_replaced_fields}, written in array order with one INSERT … ON CONFLICT DO NOTHING. Returns the (provider, idempotency_key) of the receipts it wrote; the others were duplicates. No NOTIFY, no job.';

revoke execute on function public.receive_webhooks(jsonb) from public;
grant execute on function public.receive_webhooks(jsonb) to revenue_ingest;
