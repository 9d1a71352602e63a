-- Every memory event goes in through here, so the table's rules (append-only,
-- dedupe per account, who/what/when) live in one place. A dedupe_key already
-- recorded for the account is not recorded twice: the id returned is then null.
-- It is plpgsql, not sql: its INSERT plan is cached for the session, so a call costs about
-- what the plain insert did (PL/pgSQL caller: ~45 us against ~70 us as a SQL function on
-- PostgreSQL 15); the hot paths (ingest_inbound_message, record_touch_outcome) call it.
create or replace function brain.record_event(
  p_account_id uuid,
  p_lead_id uuid,
  p_event_type text,
  p_event_source text,
  p_direction text,
  p_payload jsonb default '{}'::jsonb,
  p_channel text default null,
  p_created_at timestamptz default now(),
  p_dedupe_key text default null,
  p_score_delta integer default 0
)
returns uuid
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_id uuid;
begin
  insert into public.core_memory_events (account_id, lead_id, event_type, event_source, channel, direction, payload,
                                         score_delta, created_at, dedupe_key)
  values (p_account_id, p_lead_id, p_event_type, p_event_source, p_channel::public.channel, p_direction,
          coalesce(p_payload, '{}'::jsonb), coalesce(p_score_delta, 0), coalesce(p_created_at, pg_catalog.now()), p_dedupe_key)
  on conflict (account_id, dedupe_key) do nothing
  returning id into v_id;
  return v_id;
end
$$;

comment on function brain.record_event(uuid, uuid, text, text, text, jsonb, text, timestamptz, text, integer) is
  'Appends one event to core_memory_events (the lead''s memory): type, source, direction (inbound, outbound or internal), payload, channel, when, and an optional dedupe_key; an event whose dedupe_key the account already has is not recorded again (returns null). Returns the new event id.';
