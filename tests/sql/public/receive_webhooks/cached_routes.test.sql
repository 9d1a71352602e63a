-- A receipt verified with a cached account lookup carries its route (our number, and
-- the account's stored credentials' updated_at as the lookup saw it, to the
-- millisecond). It is written only while the route still holds; otherwise it is
-- stale and nothing is written, so the webhook process looks the account up again.
begin;
select plan(8);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.give_sms_senders(:'a', '+13055550900');
select tests.give_sms_senders(:'b', '+12135550900');
-- Stored an hour ago, so that the rotation below (updated_at becomes now()) is a change.
insert into public.account_provider_credentials (account_id, provider, sealed, key_id, updated_at)
values (:'b', 'twilio', 'v1.0123456789abcdef.AAAA.BBBB', '0123456789abcdef', now() - interval '1 hour 0.123456 second');
select to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as b_creds
from public.account_provider_credentials where account_id = :'b' and provider = 'twilio' \gset

create function pg_temp.receipt(p_account uuid, p_key text, p_route jsonb) returns jsonb language sql as $$
  select jsonb_build_object('account_id', p_account, 'provider', 'twilio', 'idempotency_key', p_key, 'event_type', 'inbound_sms',
                            'kind', 'inbound_message', 'ordering_key', 'phone:+13055550101', 'route', p_route,
                            'payload', '{"provider": "twilio", "event_id": "x", "channel": "sms", "from": "+13055550101", "to": "+13055550900", "body": "hi"}'::jsonb)
$$;

-- TEST: routes that hold are written: our number (spaces and case as a request may have them), no stored credentials (null).
select results_eq(
  format($$select n, outcome from public.receive_webhooks(jsonb_build_array(
    pg_temp.receipt(%1$L, 'message:SM-a1', '{"address": " +13055550900", "credentials_provider": "twilio", "credentials_updated_at": null}'),
    pg_temp.receipt(%2$L, 'message:SM-b1', jsonb_build_object('address', '+12135550900', 'credentials_provider', 'twilio', 'credentials_updated_at', %3$L::text)),
    pg_temp.receipt(%1$L, 'message:SM-a2', null)))$$, :'a', :'b', :'b_creds'),
  $$values (1, 'received'), (2, 'received'), (3, 'received')$$,
  'a route that still holds, and a receipt without one, are written');

-- TEST: the number belongs to another account now.
select results_eq(
  format($$select n, outcome from public.receive_webhooks(jsonb_build_array(
    pg_temp.receipt(%1$L, 'message:SM-a3', '{"address": "+12135550900", "credentials_provider": "twilio", "credentials_updated_at": null}')))$$, :'a'),
  $$values (1, 'stale')$$, 'a number that is not the account''s sender address: stale');
select is((select count(*)::int from public.webhook_receipts where idempotency_key = 'message:SM-a3'), 0, 'nothing written for it');

-- TEST: credentials stored, changed or removed since the lookup.
select results_eq(
  format($$select n, outcome from public.receive_webhooks(jsonb_build_array(
    pg_temp.receipt(%1$L, 'message:SM-b2', '{"address": "+12135550900", "credentials_provider": "twilio", "credentials_updated_at": null}'),
    pg_temp.receipt(%1$L, 'message:SM-b3', '{"address": "+12135550900", "credentials_provider": "twilio", "credentials_updated_at": "2020-01-01T00:00:00.000Z"}')))$$, :'b'),
  $$values (1, 'stale'), (2, 'stale')$$, 'credentials the lookup did not see, or saw at another time: stale');
update public.account_provider_credentials set sealed = 'v1.0123456789abcdef.CCCC.DDDD' where account_id = :'b';
select results_eq(
  format($$select n, outcome from public.receive_webhooks(jsonb_build_array(
    pg_temp.receipt(%1$L, 'message:SM-b4', jsonb_build_object('address', '+12135550900', 'credentials_provider', 'twilio', 'credentials_updated_at', %2$L::text))))$$, :'b', :'b_creds'),
  $$values (1, 'stale')$$, 'credentials rotated after the lookup: stale');
delete from public.account_provider_credentials where account_id = :'b';
select results_eq(
  format($$select n, outcome from public.receive_webhooks(jsonb_build_array(
    pg_temp.receipt(%1$L, 'message:SM-b5', jsonb_build_object('address', '+12135550900', 'credentials_provider', 'twilio', 'credentials_updated_at', %2$L::text)),
    pg_temp.receipt(%1$L, 'message:SM-b6', '{"address": "+12135550900", "credentials_provider": "twilio", "credentials_updated_at": null}')))$$, :'b', :'b_creds'),
  $$values (1, 'stale'), (2, 'received')$$, 'credentials removed: the old route is stale, a lookup that saw none holds');

-- TEST: a stale element does not count as the first of its key; a duplicate of a written one stays a duplicate.
select results_eq(
  format($$select n, outcome from public.receive_webhooks(jsonb_build_array(
    pg_temp.receipt(%1$L, 'message:SM-a4', '{"address": "+12135550900", "credentials_provider": "twilio", "credentials_updated_at": null}'),
    pg_temp.receipt(%1$L, 'message:SM-a4', '{"address": "+13055550900", "credentials_provider": "twilio", "credentials_updated_at": null}'),
    pg_temp.receipt(%1$L, 'message:SM-a1', null)))$$, :'a'),
  $$values (1, 'stale'), (2, 'received'), (3, 'duplicate')$$, 'stale, then the same event with a good route received, then a duplicate');

-- TEST: the receipts written are exactly the received ones, pending for the drain.
select results_eq(format($$select idempotency_key from public.webhook_receipts where account_id in (%L, %L) and processed_at is null order by seq$$, :'a', :'b'),
  $$values ('message:SM-a1'), ('message:SM-b1'), ('message:SM-a2'), ('message:SM-b6'), ('message:SM-a4')$$,
  'five receipts written, in arrival order');

select finish();
rollback;
