-- Keeps public.sender_addresses in step with config.senders of
-- account_provider_settings, and refuses a sender another account already
-- lists: one account per number or address (inbound replies, STOP included,
-- are routed by the number they were sent to). One account may list a number
-- on several channels.
create or replace function private.tg_account_provider_settings__sync_sender_addresses()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_account uuid;
  v_taken text;
begin
  for v_account in
    select distinct a.id
    from unnest(array[
      case when tg_op <> 'INSERT' then old.account_id end,
      case when tg_op <> 'DELETE' then new.account_id end]) a(id)
    where a.id is not null
  loop
    with wanted as (
      select pg_catalog.lower(pg_catalog.btrim(e.sender ->> 'address')) as address,
             pg_catalog.array_agg(distinct s.channel order by s.channel) as channels
      from public.account_provider_settings s
      cross join lateral pg_catalog.jsonb_array_elements(
        case when pg_catalog.jsonb_typeof(s.config -> 'senders') = 'array' then s.config -> 'senders' else '[]'::jsonb end) e(sender)
      where s.account_id = v_account
        and pg_catalog.jsonb_typeof(e.sender) = 'object'
        and coalesce(pg_catalog.btrim(e.sender ->> 'address'), '') <> ''
      group by 1
    ),
    gone as (
      delete from public.sender_addresses o
      where o.account_id = v_account
        and not exists (select 1 from wanted w where w.address = o.address)
    )
    insert into public.sender_addresses (address, account_id, channels)
    select w.address, v_account, w.channels from wanted w
    on conflict (address) do update set channels = excluded.channels
      where public.sender_addresses.account_id = excluded.account_id
        and public.sender_addresses.channels is distinct from excluded.channels;

    -- An address another account owns was left as it was by the upsert above
    -- (also when that account listed it concurrently: this statement sees its commit).
    select pg_catalog.lower(pg_catalog.btrim(e.sender ->> 'address')) into v_taken
    from public.account_provider_settings s
    cross join lateral pg_catalog.jsonb_array_elements(
      case when pg_catalog.jsonb_typeof(s.config -> 'senders') = 'array' then s.config -> 'senders' else '[]'::jsonb end) e(sender)
    join public.sender_addresses o on o.address = pg_catalog.lower(pg_catalog.btrim(e.sender ->> 'address'))
    where s.account_id = v_account
      and pg_catalog.jsonb_typeof(e.sender) = 'object'
      and o.account_id <> v_account
    order by 1
    limit 1;
    if v_taken is not null then
      raise exception using
        errcode = '23505',
        message = pg_catalog.format('%s is already a sender of another account', v_taken),
        detail = pg_catalog.format('%s is already a sender of another account: a number or address can belong to one account only.', v_taken),
        hint = 'Use a number of your own, or ask for it to be removed from the other account first.',
        table = 'account_provider_settings',
        column = 'senders';
    end if;
  end loop;
  return null;
end
$$;

comment on function private.tg_account_provider_settings__sync_sender_addresses() is
  'Trigger: after a change to account_provider_settings, rewrites public.sender_addresses for the account(s) concerned from their config.senders (one row per address with the channels listing it), and raises 23505 "<address> is already a sender of another account" (column senders) when another account already owns one of them. Security definer: it must see and write every account''s addresses whatever role changed the settings.';

create or replace trigger sync_sender_addresses
  after insert or update of account_id, config or delete on public.account_provider_settings
  for each row execute function private.tg_account_provider_settings__sync_sender_addresses();

revoke execute on function private.tg_account_provider_settings__sync_sender_addresses() from public;
