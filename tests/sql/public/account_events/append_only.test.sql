-- account_events is append-only.
begin;
select plan(2);

select tests.create_account() as a \gset
insert into public.account_events (account_id, event_type, event_source) values (:'a', 'campaign_paused', 'test');
select throws_ok(format($$update public.account_events set event_type = 'x' where account_id = %L$$, :'a'),
  'P0001', 'append_only_violation', 'UPDATE is refused');
select throws_ok(format($$delete from public.account_events where account_id = %L$$, :'a'),
  'P0001', 'append_only_violation', 'DELETE is refused');

select * from finish();
rollback;
