-- Rule 2: a reply whose headers made it a bounce (auto_kind bounce) is Blacklist,
-- whatever its words say; consent still comes first.
begin;
select plan(4);

-- TEST: a bounce.
select results_eq($$select tag, reason from brain.reply_rules('Delivery to the following recipient failed permanently', 'Undeliverable', null, null, 'bounce', 'DSN: 5.1.1')$$,
  $$values ('Blacklist'::text, 'bounce: DSN: 5.1.1'::text)$$,
  'a DSN → Blacklist, its reason kept');
select results_eq($$select tag, reason from brain.reply_rules('No se pudo entregar el mensaje', null, null, null, 'bounce', null)$$,
  $$values ('Blacklist'::text, 'bounce'::text)$$,
  'a Spanish bounce without a reason → Blacklist, reason bounce');

-- TEST: a bounce beats out-of-office and automatic-reply words.
select results_eq($$select tag from brain.reply_rules('I am out of the office. This is an automated message.', null, null, null, 'bounce', 'DSN')$$,
  $$values ('Blacklist'::text)$$,
  'a bounce that quotes an out-of-office text → Blacklist');

-- TEST: without the header the same words are not a bounce.
select is_empty($$select tag from brain.reply_rules('Delivery to the following recipient failed permanently', 'Undeliverable')$$,
  'bounce-like words without auto_kind bounce: no row (the model reads it)');

select * from finish();
rollback;
