-- Rule 1: what the consent classifier read as a revocation or a wrong number is
-- Blacklist, in English and Spanish, whether it said so of the body (at ingest,
-- p_consent_kind) or of the subject alone; it beats every later rule.
begin;
select plan(9);

-- TEST: the body's consent kind, as ingest recorded it.
select results_eq($$select tag, reason from brain.reply_rules('STOP', null, 'opt_out', 'opt_out_keyword:stop')$$,
  $$values ('Blacklist'::text, 'consent: opt_out (opt_out_keyword:stop)'::text)$$,
  'STOP (opt_out) → Blacklist, the rule named');
select results_eq($$select tag, reason from brain.reply_rules('Por favor bórrenme de su lista', null, 'opt_out', 'es_phrase:borrenme de su lista')$$,
  $$values ('Blacklist'::text, 'consent: opt_out (es_phrase:borrenme de su lista)'::text)$$,
  'Spanish opt-out → Blacklist');
select results_eq($$select tag, reason from brain.reply_rules('wrong number, sorry', null, 'wrong_number', null)$$,
  $$values ('Blacklist'::text, 'consent: wrong_number'::text)$$,
  'wrong number → Blacklist');
select results_eq($$select tag from brain.reply_rules('número equivocado', null, 'wrong_number', null)$$,
  $$values ('Blacklist'::text)$$,
  'número equivocado (wrong_number) → Blacklist');

-- TEST: the subject alone ("Unsubscribe" is often the whole subject).
select results_eq($$select tag, reason from brain.reply_rules('thanks', 'Unsubscribe')$$,
  $$values ('Blacklist'::text, 'consent: opt_out in the subject (opt_out_keyword:unsubscribe)'::text)$$,
  'subject Unsubscribe, harmless body → Blacklist');
select results_eq($$select tag from brain.reply_rules('gracias', 'Darme de baja')$$,
  $$values ('Blacklist'::text)$$,
  'subject "Darme de baja" → Blacklist');

-- TEST: a stray revocation word in the subject is not the lead's (often it is our own subject).
select is((select count(*)::int from brain.reply_rules('Sounds good, call me', 'Re: Stop overpaying for your car insurance')), 0,
  '"Re: Stop overpaying…" with a friendly body → no rule (the model reads it)');

-- TEST: consent beats out of office and the plain not-interested rule.
select results_eq($$select tag from brain.reply_rules('I am out of the office this week. Stop texting me.', null, 'opt_out', null)$$,
  $$values ('Blacklist'::text)$$,
  'an out-of-office text that also opts out → Blacklist, not Out of Office');
select results_eq($$select tag from brain.reply_rules('Estoy de vacaciones', 'Unsubscribe', null, null, 'auto_reply', 'Auto-Submitted: auto-replied')$$,
  $$values ('Blacklist'::text)$$,
  'an auto-reply whose subject unsubscribes → Blacklist');

select * from finish();
rollback;
