-- Keeps leads.priority_score current when what it depends on changes on the lead.
create or replace function private.tg_leads__priority_score()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
begin
  -- The receipts drain scores its batch's leads once, after the batch.
  if tg_op = 'UPDATE' and pg_catalog.current_setting('revenue.defer_priority_score', true) = 'on' then
    perform private.defer_lead_scoring(new.id);
    return new;
  end if;
  new.priority_score := brain.lead_priority(
    (select st.priority_weight from public.lead_states st where st.state = new.lead_state),
    new.phone, new.phone_line_type, new.email,
    case when tg_op = 'INSERT' then 0
         else (select g.engagement from brain.lead_engagement(new.id, pg_catalog.now()) g) end);
  new.priority_scored_at := pg_catalog.now();
  return new;
end
$$;

comment on function private.tg_leads__priority_score() is
  'Trigger: recomputes leads.priority_score (brain.lead_priority) on insert and when lead_state, phone, phone_line_type or email change; on an update while revenue.defer_priority_score is on (the receipts drain) it only notes the lead (private.defer_lead_scoring) and the drain scores it after its batch (brain.score_leads).';

create or replace trigger priority_score before insert or update of lead_state, phone, phone_line_type, email on public.leads
  for each row execute function private.tg_leads__priority_score();
