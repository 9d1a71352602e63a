-- Seed 002's example payload v2, word for word (voice 2, whatsapp 3, sms 2, email 3;
-- cooldowns 1440/720/720/1440 min; stop on reply_positive, appointment_booked,
-- do_not_contact; expires 2025-12-31T23:59:59Z), walked through a realistic run
-- of a cadence in December 2025, with the decision asserted after each step.
begin;
select plan(13);

select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_lead(:'a', '+50765699957', 'dr.smith@example.com') as lead \gset
select tests.create_lead(:'a', '+50765699958', 'dr.jones@example.com') as replier \gset

select $json$
{
  "message_class": "cold_outreach",
  "campaign_id": "2c6a8a2c-1234-4bcd-9876-abcdef012345",
  "step": 1,

  "routing": {
    "primary_channel": "voice",
    "current_channel": "voice",
    "fallback": {
      "order": ["voice", "whatsapp", "sms", "email"],
      "max_attempts": {
        "voice": 2,
        "whatsapp": 3,
        "sms": 2,
        "email": 3
      },
      "cooldown_minutes": {
        "voice": 1440,
        "whatsapp": 720,
        "sms": 720,
        "email": 1440
      }
    },
    "stop_on_events": [
      "reply_positive",
      "appointment_booked",
      "do_not_contact"
    ],
    "expires_at": "2025-12-31T23:59:59Z"
  },

  "delivery": {
    "template_key": "cold_dentist_v1_step1",
    "language": "es",
    "channel_overrides": {
      "voice": {
        "script_key": "dentist_cold_call_v1"
      },
      "whatsapp": {
        "template_name": "dentist_cold_whatsapp_v1"
      },
      "sms": {
        "template_name": "dentist_cold_sms_v1"
      },
      "email": {
        "subject": "Pacientes nuevos sin subir tu ads spend",
        "template_name": "dentist_cold_email_v1"
      }
    },
    "body": "Test de llamada desde dispatcher v5",
    "variables": {
      "first_name": "John",
      "clinic_name": "Dr. Smith Dental"
    }
  },

  "provider": {
    "forced_provider": null,
    "forced_sender_id": null
  },

  "meta": {
    "dry_run": true,
    "debug_tag": "payload-v2-test",
    "created_by": "director_engine_v2"
  }
}
$json$ as seed \gset

-- The orchestrator's touches carry the seed payload with current_channel = the touch's channel.
create temp table pay (channel text primary key, payload jsonb) on commit drop;
insert into pay
select ch, jsonb_set(:'seed'::jsonb, '{routing,current_channel}', to_jsonb(ch))
from unnest(array['voice', 'whatsapp', 'sms', 'email']) as ch;

-- TEST: Dec 1 09:00 call, no answer (touch_failed): voice waits a day.
select tests.create_touch(:'a', :'lead', :'c', 1, 'voice', 1, '2025-12-01 09:00:00+00', (select payload from pay where channel = 'voice')) as v1 \gset
select tests.record_attempt(:'v1', '2025-12-01 09:00:30+00', 'touch_failed');
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead', :'c', '2025-12-01 12:00:00+00'),
  $$values ('wait_cooldown'::text, 'voice'::text, 'voice'::text, '2025-12-02 09:00:30+00'::timestamptz, 'cooldown_active'::text)$$,
  'Dec 1 12:00, voice 1/2: wait_cooldown until Dec 2 09:00:30');

-- TEST: a day after the failed call, voice is retried.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead', :'c', '2025-12-02 09:00:30+00'),
  $$values ('retry_same_channel'::text, 'voice'::text, 'voice'::text, null::timestamptz, 'attempts_left'::text)$$,
  'Dec 2 09:00:30, voice 1/2, 1440 min after the call: retry_same_channel');

-- TEST: second call (touch_sent): voice is used up, switch to whatsapp.
select tests.create_touch(:'a', :'lead', :'c', 1, 'voice', 2, '2025-12-02 09:05:00+00', (select payload from pay where channel = 'voice')) as v2 \gset
select tests.record_attempt(:'v2', '2025-12-02 09:05:40+00', 'touch_sent');
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead', :'c', '2025-12-02 10:00:00+00'),
  $$values ('switch_channel'::text, 'voice'::text, 'whatsapp'::text, null::timestamptz, 'current_exhausted'::text)$$,
  'Dec 2 10:00, voice 2/2: switch_channel to whatsapp');

-- TEST: first whatsapp: wait 720 min.
select tests.create_touch(:'a', :'lead', :'c', 1, 'whatsapp', 1, '2025-12-02 10:00:00+00', (select payload from pay where channel = 'whatsapp')) as w1 \gset
select tests.record_attempt(:'w1', '2025-12-02 10:00:05+00', 'touch_sent');
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead', :'c', '2025-12-02 15:00:00+00'),
  $$values ('wait_cooldown'::text, 'whatsapp'::text, 'whatsapp'::text, '2025-12-02 22:00:05+00'::timestamptz, 'cooldown_active'::text)$$,
  'Dec 2 15:00, whatsapp 1/3: wait_cooldown until Dec 2 22:00:05');
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead', :'c', '2025-12-02 22:00:05+00'),
  $$values ('retry_same_channel'::text, 'whatsapp'::text, 'whatsapp'::text, null::timestamptz, 'attempts_left'::text)$$,
  'Dec 2 22:00:05, whatsapp 1/3: retry_same_channel');

-- TEST: second whatsapp fails; third is sent after the cooldown: switch to sms.
select tests.create_touch(:'a', :'lead', :'c', 1, 'whatsapp', 2, '2025-12-02 22:10:00+00', (select payload from pay where channel = 'whatsapp')) as w2 \gset
select tests.record_attempt(:'w2', '2025-12-02 22:10:03+00', 'touch_failed');
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead', :'c', '2025-12-03 10:10:02+00'),
  $$values ('wait_cooldown'::text, 'whatsapp'::text, 'whatsapp'::text, '2025-12-03 10:10:03+00'::timestamptz, 'cooldown_active'::text)$$,
  'Dec 3 10:10:02, whatsapp 2/3 (the second failed): wait_cooldown until Dec 3 10:10:03');
select tests.create_touch(:'a', :'lead', :'c', 1, 'whatsapp', 3, '2025-12-03 10:15:00+00', (select payload from pay where channel = 'whatsapp')) as w3 \gset
select tests.record_attempt(:'w3', '2025-12-03 10:15:02+00', 'touch_sent');
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead', :'c', '2025-12-03 11:00:00+00'),
  $$values ('switch_channel'::text, 'whatsapp'::text, 'sms'::text, null::timestamptz, 'current_exhausted'::text)$$,
  'Dec 3 11:00, whatsapp 3/3: switch_channel to sms');

-- TEST: first sms: one second before its cooldown ends, wait.
select tests.create_touch(:'a', :'lead', :'c', 1, 'sms', 1, '2025-12-03 11:00:00+00', (select payload from pay where channel = 'sms')) as s1 \gset
select tests.record_attempt(:'s1', '2025-12-03 11:00:01+00', 'touch_sent');
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead', :'c', '2025-12-03 23:00:00+00'),
  $$values ('wait_cooldown'::text, 'sms'::text, 'sms'::text, '2025-12-03 23:00:01+00'::timestamptz, 'cooldown_active'::text)$$,
  'Dec 3 23:00:00, sms 1/2: wait_cooldown until Dec 3 23:00:01');

-- TEST: second sms: switch to email.
select tests.create_touch(:'a', :'lead', :'c', 1, 'sms', 2, '2025-12-03 23:30:00+00', (select payload from pay where channel = 'sms')) as s2 \gset
select tests.record_attempt(:'s2', '2025-12-03 23:30:01+00', 'touch_sent');
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead', :'c', '2025-12-04 00:00:00+00'),
  $$values ('switch_channel'::text, 'sms'::text, 'email'::text, null::timestamptz, 'current_exhausted'::text)$$,
  'Dec 4 00:00, sms 2/2: switch_channel to email');

-- TEST: first email: wait 1440 min.
select tests.create_touch(:'a', :'lead', :'c', 1, 'email', 1, '2025-12-04 00:00:00+00', (select payload from pay where channel = 'email')) as e1 \gset
select tests.record_attempt(:'e1', '2025-12-04 00:00:01+00', 'touch_sent');
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead', :'c', '2025-12-04 12:00:00+00'),
  $$values ('wait_cooldown'::text, 'email'::text, 'email'::text, '2025-12-05 00:00:01+00'::timestamptz, 'cooldown_active'::text)$$,
  'Dec 4 12:00, email 1/3: wait_cooldown until Dec 5 00:00:01');

-- TEST: second and third email: every channel is used up, the cadence is dead.
select tests.record_attempt(tests.create_touch(:'a', :'lead', :'c', 1, 'email', n, ts, (select payload from pay where channel = 'email')),
                            ts + interval '1 second')
from (values (2, timestamptz '2025-12-05 09:00:00+00'), (3, timestamptz '2025-12-06 09:00:00+00')) as v(n, ts);
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead', :'c', '2025-12-06 10:00:00+00'),
  $$values ('stop'::text, 'email'::text, null::text, null::timestamptz, 'all_channels_exhausted'::text)$$,
  'Dec 6 10:00, voice 2/2, whatsapp 3/3, sms 2/2, email 3/3: stop, all_channels_exhausted');

-- TEST: at the payload's expires_at the plan is over.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead', :'c', '2025-12-31 23:59:59+00'),
  $$values ('stop'::text, 'email'::text, null::text, null::timestamptz, 'expired'::text)$$,
  'Dec 31 23:59:59 (expires_at): stop, expired');

-- TEST: another lead answers after the first call: reply_positive stops the cadence.
select tests.create_touch(:'a', :'replier', :'c', 1, 'voice', 1, '2025-12-01 09:00:00+00', (select payload from pay where channel = 'voice')) as r1 \gset
select tests.record_attempt(:'r1', '2025-12-01 09:00:30+00', 'touch_failed');
select tests.record_event(:'a', :'replier', 'reply_positive', '2025-12-01 18:00:00+00', 'inbound', 'sms');
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'replier', :'c', '2025-12-02 09:00:30+00'),
  $$values ('stop'::text, 'voice'::text, null::text, null::timestamptz, 'stop_event:reply_positive'::text)$$,
  'Dec 2 09:00:30, the lead replied positively on Dec 1: stop, stop_event:reply_positive');

select * from finish();
rollback;
