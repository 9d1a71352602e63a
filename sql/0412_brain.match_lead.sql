-- Lead intake, step 2: which of the account's leads an incoming identity is (seed 003 §6).
create or replace function brain.match_lead(
  p_account_id uuid,
  p_source text,
  p_external_id text,
  p_email text,
  p_phone text
)
returns table (lead_id uuid, matched_by text)
language plpgsql
stable
set search_path = ''
as $$
declare
  v_lead_id uuid;
begin
  -- Priority order; the first rule that finds a lead wins. When a rule finds several
  -- leads, the oldest is taken. Leads of any status match (a suppressed lead must not
  -- come back as a new, contactable one).
  if p_external_id is not null then
    select l.id into v_lead_id
    from public.leads l
    where l.account_id = p_account_id and l.source = p_source and l.external_id = p_external_id;
    if found then
      return query select v_lead_id, 'external_id'::text;
      return;
    end if;
  end if;
  if p_email is not null then
    select l.id into v_lead_id
    from public.leads l
    where l.account_id = p_account_id and l.email = p_email::public.email_address
    order by l.created_at, l.id
    limit 1;
    if found then
      return query select v_lead_id, 'email'::text;
      return;
    end if;
    -- offset 0 keeps the limit out of the scan: with "order by created_at limit 1" the
    -- planner walks the account's leads by created_at hoping for an early match, and
    -- reads them all when (as usual) there is none; this way it asks the GIN index.
    select a.id into v_lead_id
    from (select l.id, l.created_at
          from public.leads l
          where l.account_id = p_account_id
            and l.alternate_emails @> array[p_email::public.email_address]
          offset 0) a
    order by a.created_at, a.id
    limit 1;
    if found then
      return query select v_lead_id, 'alternate_email'::text;
      return;
    end if;
  end if;
  if p_phone is not null then
    select l.id into v_lead_id
    from public.leads l
    where l.account_id = p_account_id and l.phone = p_phone::public.e164_phone
    order by l.created_at, l.id
    limit 1;
    if found then
      return query select v_lead_id, 'phone'::text;
    end if;
  end if;
end
$$;

comment on function brain.match_lead(uuid, text, text, text, text) is
  'Lead intake step 2 (public.find_or_create_lead): the account''s lead an identity belongs to, by the first rule that finds one: 1 external_id with the same source; 2 email = leads.email; 3 email in leads.alternate_emails; 4 phone = leads.phone (oldest lead when a rule finds several; leads of every status match). Returns one row (lead_id, matched_by = external_id | email | alternate_email | phone) or none. Expects normalized values (brain.validate_lead_input); runs with the caller''s rights, so row-level security applies. Takes no lock: the caller serializes on the identity first.';

revoke execute on function brain.match_lead(uuid, text, text, text, text) from public;
grant execute on function brain.match_lead(uuid, text, text, text, text) to revenue_api, revenue_worker;
