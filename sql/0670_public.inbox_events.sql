create or replace view public.inbox_events
with (security_invoker = true) as
select
  m.account_id,
  m.lead_id,
  m.id as message_id,
  'inbound'::text as direction,
  m.channel::text as channel,
  m.provider,
  m.from_address,
  m.to_address,
  m.persona,
  m.body,
  m.keyword,
  m.classification,
  null::text as status,
  null::uuid as touch_run_id,
  m.received_at as occurred_at
from public.inbound_messages m
union all
select
  o.account_id,
  o.lead_id,
  o.id,
  'outbound',
  o.channel::text,
  o.provider,
  o.from_address,
  o.to_address,
  null,
  o.body,
  null,
  null,
  o.status,
  o.touch_run_id,
  coalesce(o.sent_at, o.created_at)
from public.outbound_messages o;

comment on view public.inbox_events is
  'The unified thread: every inbound and outbound message of every lead on every channel, one row each, ordered by occurred_at.';
comment on column public.inbox_events.account_id is 'Owning account.';
comment on column public.inbox_events.lead_id is 'The lead.';
comment on column public.inbox_events.message_id is 'inbound_messages.id or outbound_messages.id.';
comment on column public.inbox_events.direction is 'inbound (from the lead) or outbound (to the lead).';
comment on column public.inbox_events.channel is 'sms, whatsapp, voice or email.';
comment on column public.inbox_events.provider is 'Provider that carried it.';
comment on column public.inbox_events.from_address is 'Sender number or address.';
comment on column public.inbox_events.to_address is 'Recipient number or address.';
comment on column public.inbox_events.persona is 'Persona whose number received an inbound message.';
comment on column public.inbox_events.body is 'Message text.';
comment on column public.inbox_events.keyword is 'Inbound: opt_out, opt_in, help or none.';
comment on column public.inbox_events.classification is 'Inbound: positive, negative, neutral or keyword.';
comment on column public.inbox_events.status is 'Outbound: pending, sent, delivered, failed, unknown or canceled.';
comment on column public.inbox_events.touch_run_id is 'Outbound: the touch that sent it.';
comment on column public.inbox_events.occurred_at is 'When it was received or sent.';

grant select on public.inbox_events to revenue_api, revenue_analyst, revenue_worker;
