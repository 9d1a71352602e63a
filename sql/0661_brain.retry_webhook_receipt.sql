-- A receipt the drain gave up on (failed_at) is retried once its cause is fixed.
create or replace function brain.retry_webhook_receipt(p_provider text, p_idempotency_key text)
returns boolean
language sql
volatile
security definer
set search_path = ''
as $$
  with retried as (
    update public.webhook_receipts
    set failed_at = null, next_attempt_at = null
    where provider = p_provider and idempotency_key = p_idempotency_key and processed_at is null
      and (failed_at is not null or next_attempt_at is not null)
    returning 1)
  select exists (select 1 from retried)
$$;

comment on function brain.retry_webhook_receipt(text, text) is
  'Makes a waiting receipt that failed (failed_at, or backing off after an error) due for the next drain; its attempts and last error stay until it succeeds. True when there was such a receipt.';

revoke execute on function brain.retry_webhook_receipt(text, text) from public;
grant execute on function brain.retry_webhook_receipt(text, text) to revenue_worker;
