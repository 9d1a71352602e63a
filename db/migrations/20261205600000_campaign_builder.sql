-- migrate:up

-- The campaign builder: a campaign is archived, never deleted (its touches and
-- history stay); an archived campaign cannot run.
alter table public.campaigns
  add column archived_at timestamptz,
  add column archived_by text,
  add constraint campaigns_archived_not_active_check check (archived_at is null or not is_active);
comment on column public.campaigns.archived_at is 'When the campaign was archived (public.archive_campaign); an archived campaign is never active and is hidden from the campaign list.';
comment on column public.campaigns.archived_by is 'Who archived it (console:<email>, command_os:<email>, …).';

-- migrate:down
alter table public.campaigns drop constraint if exists campaigns_archived_not_active_check;
alter table public.campaigns drop column if exists archived_by;
alter table public.campaigns drop column if exists archived_at;
