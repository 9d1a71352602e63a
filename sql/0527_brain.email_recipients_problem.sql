-- Consent first for an email that names its own recipients (touch payload delivery.to /
-- delivery.cc: an AI draft answering a CC'd colleague goes To them with the lead CC'd):
-- every address must be one of the lead's own (its email or alternate_emails, where an
-- emailed reply from a colleague puts them) and none may be suppressed for email. The
-- dispatch claim (brain.claim_touch_rows) asks only for touches that name recipients, so
-- the hot path of every other touch never reads it.
create or replace function brain.email_recipients_problem(
  p_account_id uuid,
  p_lead_email text,
  p_alternate_emails text[],
  p_delivery jsonb,
  p_now timestamptz default now()
)
returns text
language sql
stable
set search_path = ''
as $$
  with given as (
    select case when p_delivery ? 'to' and pg_catalog.jsonb_typeof(p_delivery -> 'to') <> 'string' then false
                when p_delivery ? 'cc' and pg_catalog.jsonb_typeof(p_delivery -> 'cc') <> 'array' then false
                else true end as well_formed
  ), addresses as (
    select pg_catalog.lower(pg_catalog.btrim(p_delivery ->> 'to')) as address, true as is_text
    where pg_catalog.jsonb_typeof(p_delivery -> 'to') = 'string'
    union all
    select pg_catalog.lower(pg_catalog.btrim(c #>> '{}')), pg_catalog.jsonb_typeof(c) = 'string'
    from pg_catalog.jsonb_array_elements(case when pg_catalog.jsonb_typeof(p_delivery -> 'cc') = 'array'
                                              then p_delivery -> 'cc' else '[]'::jsonb end) c
  )
  select case
    when not (select g.well_formed from given g) or exists (select 1 from addresses a where not a.is_text or a.address is null)
      then 'invalid_recipients'
    when (select pg_catalog.count(*) from addresses) > 21 then 'too_many_recipients'
    when exists (select 1 from addresses a
                 where a.address is distinct from pg_catalog.lower(p_lead_email)
                   and not (a.address = any (select pg_catalog.lower(x) from pg_catalog.unnest(coalesce(p_alternate_emails, '{}')) x)))
      then 'recipient_not_lead_address'
    when exists (select 1 from addresses a
                 join public.suppressions s on s.account_id = p_account_id and s.email = a.address
                 where (s.channel is null or s.channel = 'email') and s.created_at <= p_now
                   and (s.lifted_at is null or s.lifted_at > p_now))
      then 'recipient_suppressed'
  end
$$;

comment on function brain.email_recipients_problem(uuid, text, text[], jsonb, timestamptz) is
  'Why an email touch that names its recipients (p_delivery: the touch payload''s delivery, with to (a string) and/or cc (an array of strings)) may not go, or null when it may: invalid_recipients (to is not a string, cc not an array of strings), too_many_recipients (more than 21 addresses), recipient_not_lead_address (an address that is neither the lead''s email nor one of its alternate_emails), recipient_suppressed (an address with a suppression for email, or for every channel, in force at p_now). Addresses compare case-insensitively. brain.claim_touch_rows cancels the touch with this reason; it asks only for email touches whose delivery has to or cc.';

revoke execute on function brain.email_recipients_problem(uuid, text, text[], jsonb, timestamptz) from public;
grant execute on function brain.email_recipients_problem(uuid, text, text[], jsonb, timestamptz) to revenue_worker;
