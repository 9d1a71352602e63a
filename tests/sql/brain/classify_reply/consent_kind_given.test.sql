-- A caller that already has brain.classify_consent's kind for a text passes it
-- (p_consent_kind) and gets the same answer as without it.
begin;
select plan(2);

-- TEST: given the text's own consent kind, the answer is the one classify_reply reads itself.
select is(
  (select count(*)::int from (values ('what time do you open?'), ('yes call me'), ('not interested'), ('STOP'), ('No soy Carlos'),
                                      ('Sí, pero no me llames'), ('start'), ('help'), ('no'), ('me interesa, llámame')) t(body)
   where brain.classify_reply(t.body, (select c.kind from brain.classify_consent(t.body) c)) is distinct from brain.classify_reply(t.body)),
  0, 'same answer with and without the consent kind, over replies of every kind');

-- TEST: the given kind is used: a revocation kind makes any text negative.
select is(brain.classify_reply('yes call me', 'opt_out'), 'negative', 'the consent kind passed in is the one used');

select finish();
rollback;
