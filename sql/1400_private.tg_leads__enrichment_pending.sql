-- Issue 19: a new lead with a phone or an email, or a lead whose phone or email changed,
-- is pending enrichment from this statement on. The results of the old address are
-- forgotten with it (a number's line type says nothing about the next number). The
-- enrichment worker (enrich_leads) finds pending leads and records what it learned.
create or replace function private.tg_leads__enrichment_pending()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_phone_changed boolean := tg_op = 'INSERT' or new.phone is distinct from old.phone;
  v_email_changed boolean := tg_op = 'INSERT' or new.email is distinct from old.email;
begin
  if new.phone is null and new.email is null then
    return new;
  end if;
  -- An insert that already carries its results (a copy, a restore) keeps them.
  if tg_op = 'INSERT' and new.enrichment_status is not null then
    return new;
  end if;
  if v_phone_changed then
    new.phone_status := 'unknown';
    new.phone_carrier := null;
    new.phone_checked_at := null;
    -- A line type given with the number (an import column) is kept and named as its source.
    if new.phone is not null and new.phone_line_type <> 'unknown'
       and (tg_op = 'INSERT' or new.phone_line_type is distinct from old.phone_line_type) then
      new.phone_line_type_source := coalesce(case when tg_op = 'UPDATE' then new.phone_line_type_source end, 'import');
    else
      new.phone_line_type := 'unknown';
      new.phone_line_type_source := null;
    end if;
  end if;
  if v_email_changed then
    new.email_status := 'unknown';
    new.email_is_role := false;
    new.email_is_disposable := false;
    new.email_checked_at := null;
    new.email_bounced_at := null;
  end if;
  new.enrichment_status := 'pending';
  new.enrichment_reason := null;
  new.enrichment_requested_at := pg_catalog.now();
  return new;
end
$$;

comment on function private.tg_leads__enrichment_pending() is
  'Trigger: marks a lead pending enrichment (leads.enrichment_status pending, enrichment_requested_at now) when it is inserted with a phone or an email, or when its phone or email changes, and forgets the old address''s results (phone: status, carrier, check time and a line type not given with the new number; email: status, role and disposable flags, check and bounce times). A line type given with the number is kept with phone_line_type_source import. An insert that already carries an enrichment status keeps it.';

create or replace trigger enrichment_pending_on_insert before insert on public.leads
  for each row when (new.phone is not null or new.email is not null)
  execute function private.tg_leads__enrichment_pending();

create or replace trigger enrichment_pending_on_change before update of phone, email on public.leads
  for each row when (old.phone is distinct from new.phone or old.email is distinct from new.email)
  execute function private.tg_leads__enrichment_pending();
