-- Rule 4: an automatic reply by its headers (auto_kind auto_reply) or by its words,
-- English and Spanish, is Automated Reply.
begin;
select plan(6);

-- TEST: by the headers.
select results_eq($$select tag, reason from brain.reply_rules('Thank you for your email. We will get back to you shortly.', null, null, null, 'auto_reply', 'Auto-Submitted: auto-replied')$$,
  $$values ('Automated Reply'::text, 'automatic reply: Auto-Submitted: auto-replied'::text)$$,
  'auto_reply header → Automated Reply, the header named');

-- TEST: by the words.
select results_eq($$select tag, reason from brain.reply_rules('This is an automated message. Please do not reply to this email.')$$,
  $$values ('Automated Reply'::text, 'automatic reply: "this is an automated message"'::text)$$,
  'this is an automated message → Automated Reply');
select results_eq($$select tag from brain.reply_rules('This mailbox is not monitored.')$$,
  $$values ('Automated Reply'::text)$$, 'this mailbox is not monitored → Automated Reply');
select results_eq($$select tag from brain.reply_rules('Esta es una respuesta automática.')$$,
  $$values ('Automated Reply'::text)$$, 'respuesta automática → Automated Reply');
select results_eq($$select tag from brain.reply_rules('Por favor no responda a este correo.')$$,
  $$values ('Automated Reply'::text)$$, 'no responda a este correo → Automated Reply');

-- TEST: a person mentioning a reply is not an automatic reply.
select is_empty($$select 1 from brain.reply_rules('I will reply to your email tomorrow with my trade-in details')$$,
  'a person promising a reply: no row');

select * from finish();
rollback;
