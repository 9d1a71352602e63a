-- migrate:up

-- Seed 004 Part 7: each persona (initial outreach, nudge, booking) has its own
-- number; timers escalate a lead from one persona to the next.
alter table public.leads add column persona text not null default 'initial'
  constraint leads_persona_check check (persona in ('initial', 'nudge', 'booking'));
comment on column public.leads.persona is
  'Which persona speaks to the lead next: initial, nudge or booking (seed 004). Timers escalate it; it picks the sender number and the voice prompt.';

-- The cadence runner enrolls eligible new leads into these campaigns.
alter table public.campaigns add column auto_enroll boolean not null default false;
comment on column public.campaigns.auto_enroll is
  'When true, the cadence runner enrolls the account''s eligible new leads (seed 000''s gates) into this campaign.';

-- Per-sender send times, so no 1-second window exceeds the sender's limit.
create table public.sender_rate_state (
  account_id uuid not null references public.accounts (id) on delete cascade,
  channel public.channel not null,
  sender text not null constraint sender_rate_state_sender_check check (length(sender) between 1 and 320),
  recent timestamptz[] not null default '{}',
  updated_at timestamptz not null default now(),
  primary key (account_id, channel, sender)
);
comment on table public.sender_rate_state is
  'Per sender (a number or inbox): the start times reserved for its latest sends, oldest first, at most max_per_second of them. A new send may start one second after the oldest.';
comment on column public.sender_rate_state.account_id is 'Owning account.';
comment on column public.sender_rate_state.channel is 'Channel the sender sends on.';
comment on column public.sender_rate_state.sender is 'The sending number or address.';
comment on column public.sender_rate_state.recent is 'Reserved start times of the latest sends, oldest first.';
comment on column public.sender_rate_state.updated_at is 'When a slot was last reserved.';

-- Emails sent per inbox per UTC day, for the daily cap.
create table public.sender_daily_counts (
  account_id uuid not null references public.accounts (id) on delete cascade,
  channel public.channel not null,
  sender text not null constraint sender_daily_counts_sender_check check (length(sender) between 1 and 320),
  day date not null,
  sent integer not null default 0 constraint sender_daily_counts_sent_check check (sent >= 0),
  primary key (account_id, channel, sender, day)
);
comment on table public.sender_daily_counts is 'How many sends each sender started per UTC day (the email per-inbox daily cap).';
comment on column public.sender_daily_counts.account_id is 'Owning account.';
comment on column public.sender_daily_counts.channel is 'Channel.';
comment on column public.sender_daily_counts.sender is 'The sending address.';
comment on column public.sender_daily_counts.day is 'UTC day.';
comment on column public.sender_daily_counts.sent is 'Sends started that day.';

do $$
declare
  v_table text;
begin
  foreach v_table in array array['sender_rate_state', 'sender_daily_counts'] loop
    execute format('alter table public.%I enable row level security', v_table);
    execute format(
      'create policy %I on public.%I for select to revenue_api using (account_id = nullif(pg_catalog.current_setting(''app.account_id'', true), '''')::uuid)',
      v_table || '_api_tenant', v_table);
    execute format(
      'create policy %I on public.%I for select to revenue_analyst using (account_id = nullif(pg_catalog.current_setting(''app.account_id'', true), '''')::uuid)',
      v_table || '_analyst_tenant', v_table);
    execute format(
      'create policy %I on public.%I for all to revenue_worker using (true) with check (true)',
      v_table || '_worker_all', v_table);
    execute format('grant select on public.%I to revenue_api, revenue_analyst', v_table);
    execute format('grant select, insert, update, delete on public.%I to revenue_worker', v_table);
  end loop;
end
$$;

-- migrate:down
drop table if exists public.sender_daily_counts;
drop table if exists public.sender_rate_state;
alter table public.campaigns drop column if exists auto_enroll;
alter table public.leads drop column if exists persona;
