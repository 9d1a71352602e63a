-- migrate:up

-- Tenant isolation. The API and analyst roles see only the account named by
-- current_setting('app.account_id', true); when the setting is missing or empty
-- the comparison is null and they see nothing. The worker role acts across accounts.
-- The table owner (the migrating user) is not subject to these policies.

do $$
declare
  v_table text;
  v_tenant_key text := 'nullif(pg_catalog.current_setting(''app.account_id'', true), '''')::uuid';
begin
  foreach v_table in array array[
    'org_settings', 'account_members', 'account_provider_settings', 'leads', 'lead_events',
    'campaigns', 'campaign_steps', 'campaign_leads', 'touch_runs', 'outbound_messages',
    'core_memory_events', 'webhook_receipts', 'lead_timers', 'call_queue', 'suppressions'
  ] loop
    execute format('alter table public.%I enable row level security', v_table);
    execute format(
      'create policy %I on public.%I for all to revenue_api using (account_id = %s) with check (account_id = %s)',
      v_table || '_api_tenant', v_table, v_tenant_key, v_tenant_key);
    execute format(
      'create policy %I on public.%I for select to revenue_analyst using (account_id = %s)',
      v_table || '_analyst_tenant', v_table, v_tenant_key);
    execute format(
      'create policy %I on public.%I for all to revenue_worker using (true) with check (true)',
      v_table || '_worker_all', v_table);
  end loop;
end
$$;

alter table public.accounts enable row level security;
create policy accounts_api_tenant on public.accounts for select to revenue_api
  using (id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid);
create policy accounts_analyst_tenant on public.accounts for select to revenue_analyst
  using (id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid);
create policy accounts_worker_all on public.accounts for all to revenue_worker using (true) with check (true);

-- Users are global; a tenant sees the users who are members of it.
alter table public.users enable row level security;
create policy users_api_members on public.users for select to revenue_api
  using (exists (
    select 1 from public.account_members m
    where m.user_id = users.id
      and m.account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid));
create policy users_analyst_members on public.users for select to revenue_analyst
  using (exists (
    select 1 from public.account_members m
    where m.user_id = users.id
      and m.account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid));
create policy users_worker_all on public.users for all to revenue_worker using (true) with check (true);

-- Lookup tables: readable by every role, written only by migrations.
grant select on public.lead_states, public.lead_state_transitions,
  public.touch_run_statuses, public.touch_run_status_transitions
  to revenue_api, revenue_analyst, revenue_worker;

-- Analysts read everything of their account except secrets.
grant select on public.accounts, public.org_settings, public.account_members, public.leads,
  public.lead_events, public.campaigns, public.campaign_steps, public.campaign_leads,
  public.touch_runs, public.outbound_messages, public.core_memory_events, public.webhook_receipts,
  public.lead_timers, public.call_queue, public.suppressions
  to revenue_analyst;
grant select (id, email, display_name, is_active, last_login_at, created_at, updated_at)
  on public.users to revenue_analyst;
grant select (id, account_id, channel, provider, is_default, config, created_at, updated_at)
  on public.account_provider_settings to revenue_analyst;

-- The API reads and writes its own account; the append-only logs take inserts only.
grant select on public.accounts to revenue_api;
grant select, update on public.org_settings to revenue_api;
grant select, insert, update, delete on public.account_members, public.leads, public.campaigns,
  public.campaign_steps, public.campaign_leads to revenue_api;
grant select, insert, update on public.touch_runs, public.outbound_messages, public.lead_timers,
  public.call_queue, public.suppressions to revenue_api;
grant select, insert on public.core_memory_events, public.lead_events, public.webhook_receipts to revenue_api;
grant select (id, email, display_name, is_active, last_login_at, created_at, updated_at)
  on public.users to revenue_api;
-- Provider secrets are write-only for the API.
grant select (id, account_id, channel, provider, is_default, config, created_at, updated_at)
  on public.account_provider_settings to revenue_api;
grant insert (account_id, channel, provider, is_default, config, secrets),
  update (is_default, config, secrets, updated_at),
  delete
  on public.account_provider_settings to revenue_api;

-- Workers act across accounts; the append-only logs take inserts only.
grant select, insert, update, delete on public.accounts, public.org_settings, public.users,
  public.account_members, public.account_provider_settings, public.leads, public.campaigns,
  public.campaign_steps, public.campaign_leads, public.touch_runs, public.outbound_messages,
  public.lead_timers, public.call_queue, public.suppressions
  to revenue_worker;
grant select, insert on public.core_memory_events, public.lead_events, public.webhook_receipts to revenue_worker;

-- migrate:down
revoke all on all tables in schema public from revenue_api, revenue_analyst, revenue_worker;
do $$
declare
  v_policy record;
begin
  for v_policy in
    select schemaname, tablename, policyname from pg_catalog.pg_policies where schemaname = 'public'
  loop
    execute format('drop policy %I on %I.%I', v_policy.policyname, v_policy.schemaname, v_policy.tablename);
  end loop;
end
$$;
alter table public.accounts disable row level security;
alter table public.users disable row level security;
do $$
declare
  v_table text;
begin
  foreach v_table in array array[
    'org_settings', 'account_members', 'account_provider_settings', 'leads', 'lead_events',
    'campaigns', 'campaign_steps', 'campaign_leads', 'touch_runs', 'outbound_messages',
    'core_memory_events', 'webhook_receipts', 'lead_timers', 'call_queue', 'suppressions'
  ] loop
    execute format('alter table public.%I disable row level security', v_table);
  end loop;
end
$$;
