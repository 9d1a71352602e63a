-- Rule 3: out-of-office words in the subject or body, English and Spanish, are Out of
-- Office, even in a reply whose headers say it is automatic; "call me back on Monday"
-- is a person talking, not an out-of-office.
begin;
select plan(10);

-- TEST: English.
select results_eq($$select tag, reason from brain.reply_rules('I am out of the office until Monday, 12 January.')$$,
  $$values ('Out of Office'::text, 'out of office: "out of the office"'::text)$$,
  'out of the office → Out of Office, the words named');
select results_eq($$select tag from brain.reply_rules('I''m on vacation, back next week')$$,
  $$values ('Out of Office'::text)$$, 'on vacation → Out of Office');
select results_eq($$select tag from brain.reply_rules('Currently on parental leave with limited access to email.')$$,
  $$values ('Out of Office'::text)$$, 'on parental leave → Out of Office');
select results_eq($$select tag from brain.reply_rules('Thanks for your message', 'OOO: back Jan 5')$$,
  $$values ('Out of Office'::text)$$, 'OOO in the subject → Out of Office');

-- TEST: Spanish (accents folded).
select results_eq($$select tag, reason from brain.reply_rules('Estoy fuera de la oficina hasta el lunes.')$$,
  $$values ('Out of Office'::text, 'out of office: "fuera de la oficina"'::text)$$,
  'fuera de la oficina → Out of Office');
select results_eq($$select tag from brain.reply_rules('Hola, estoy de vacaciones. Regreso el 15.')$$,
  $$values ('Out of Office'::text)$$, 'de vacaciones → Out of Office');
select results_eq($$select tag from brain.reply_rules('Estaré ausente hasta el martes con acceso limitado al correo')$$,
  $$values ('Out of Office'::text)$$, 'ausente hasta → Out of Office');

-- TEST: an automatic reply that says it is out of office is Out of Office, not Automated Reply.
select results_eq($$select tag from brain.reply_rules('I am out of office and will reply when I return.', 'Automatic reply', null, null, 'auto_reply', 'Auto-Submitted: auto-replied')$$,
  $$values ('Out of Office'::text)$$,
  'auto_reply header + out-of-office words → Out of Office');

-- TEST: a person asking for a call back is not out of office.
select is_empty($$select 1 from brain.reply_rules('Call me back on Monday')$$,
  'call me back on Monday: no row (the model reads it)');
select is_empty($$select 1 from brain.reply_rules('Llámame el lunes por favor')$$,
  'llámame el lunes: no row');

select * from finish();
rollback;
