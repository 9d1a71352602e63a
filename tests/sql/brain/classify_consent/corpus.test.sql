-- The consent corpus (issue 13): real-looking English and Spanish replies with the
-- decision each must get from brain.classify_consent: kind, rule, scope and whether a
-- person should review it. A missed revocation is expensive, a false one cheap; the
-- replies that must stay none guard the common false positives (end of the month,
-- stop by, precio muy alto, Baja California).
begin;

create temp table consent_corpus (id integer generated always as identity, reply text, kind text, rule text, scope text, review boolean);
insert into consent_corpus (reply, kind, rule, scope, review) values
  -- Bare keywords (carrier and FCC words), any case, with punctuation.
  ('STOP', 'opt_out', 'opt_out_keyword:stop', 'phone', false),
  ('stop', 'opt_out', 'opt_out_keyword:stop', 'phone', false),
  ('Stop.', 'opt_out', 'opt_out_keyword:stop', 'phone', false),
  ('STOP!!!', 'opt_out', 'opt_out_keyword:stop', 'phone', false),
  (E'  Stop\n', 'opt_out', 'opt_out_keyword:stop', 'phone', false),
  ('Quit', 'opt_out', 'opt_out_keyword:quit', 'phone', false),
  ('END', 'opt_out', 'opt_out_keyword:end', 'phone', false),
  ('Revoke', 'opt_out', 'opt_out_keyword:revoke', 'phone', false),
  ('opt out', 'opt_out', 'opt_out_keyword:opt out', 'phone', false),
  ('Opt-Out', 'opt_out', 'opt_out_keyword:opt out', 'phone', false),
  ('OPTOUT', 'opt_out', 'opt_out_keyword:optout', 'phone', false),
  ('Cancel', 'opt_out', 'opt_out_keyword:cancel', 'phone', false),
  ('UNSUBSCRIBE', 'opt_out', 'opt_out_keyword:unsubscribe', 'phone', false),
  ('STOPALL', 'opt_out', 'opt_out_keyword:stopall', 'all', false),
  ('stop please', 'opt_out', 'opt_out_keyword:stop', 'phone', false),
  ('Stop now, thanks', 'opt_out', 'opt_out_keyword:stop', 'phone', false),
  ('BAJA', 'opt_out', 'opt_out_keyword:baja', 'phone', false),
  ('Baja por favor', 'opt_out', 'opt_out_keyword:baja', 'phone', false),
  ('ALTO', 'opt_out', 'opt_out_keyword:alto', 'phone', false),
  ('¡Alto!', 'opt_out', 'opt_out_keyword:alto', 'phone', false),
  ('Cancelar', 'opt_out', 'opt_out_keyword:cancelar', 'phone', false),
  -- English phrases.
  ('Please stop texting me', 'opt_out', 'en_phrase:stop texting', 'phone', false),
  ('Stop texting me', 'opt_out', 'en_phrase:stop texting', 'phone', false),
  ('stop calling me!!', 'opt_out', 'en_phrase:stop calling', 'phone', false),
  ('Remove me from your list', 'opt_out', 'en_phrase:remove me', 'phone', false),
  ('pls remove my number', 'opt_out', 'en_phrase:remove my number', 'phone', false),
  ('Take me off this list', 'opt_out', 'en_phrase:take me off', 'phone', false),
  ('Please remove us from your mailing list', 'opt_out', 'en_phrase:remove us', 'phone', false),
  ('take us off your list', 'opt_out', 'en_phrase:take us off', 'phone', false),
  ('Do not contact us again', 'opt_out', 'en_phrase:do not contact us', 'phone', false),
  ('Do not contact me again', 'opt_out', 'en_phrase:do not contact me', 'phone', false),
  ('Don''t text me', 'opt_out', 'en_phrase:don t text me', 'phone', false),
  ('DONT CALL ME', 'opt_out', 'en_phrase:dont call me', 'phone', false),
  ('don’t message me anymore', 'opt_out', 'en_phrase:don t message me', 'phone', false),
  ('Never call me again', 'opt_out', 'en_phrase:never call me', 'phone', false),
  ('leave me alone', 'opt_out', 'en_phrase:leave me alone', 'phone', false),
  ('No more texts please', 'opt_out', 'en_phrase:no more texts', 'phone', false),
  ('opt me out', 'opt_out', 'en_phrase:opt me out', 'phone', false),
  ('How do I unsubscribe from this?', 'opt_out', 'en_phrase:unsubscribe', 'phone', false),
  ('I revoke my consent to be contacted', 'opt_out', 'en_phrase:revoke', 'phone', false),
  ('Lose my number', 'opt_out', 'en_phrase:lose my number', 'phone', false),
  ('Sold it already. Stop messaging', 'opt_out', 'en_phrase:stop messaging', 'phone', false),
  ('Stop all messages, email too', 'opt_out', 'en_phrase:stop all messages', 'all', false),
  ('Don''t email me or text me', 'opt_out', 'en_phrase:don t email me', 'all', false),
  ('unsubscribe me from everything', 'opt_out', 'en_phrase:unsubscribe', 'all', false),
  -- Spanish phrases, with and without accents.
  ('No me escribas más', 'opt_out', 'es_phrase:no me escribas', 'phone', false),
  ('Dejen de llamarme', 'opt_out', 'es_phrase:dejen de llamarme', 'phone', false),
  ('Paren de mandarme mensajes por favor', 'opt_out', 'es_phrase:paren de mandarme', 'phone', false),
  ('No quiero que me contacten', 'opt_out', 'es_phrase:no quiero que me contacten', 'phone', false),
  ('Bórrame', 'opt_out', 'es_phrase:borrame', 'phone', false),
  ('quítame el precio final?', 'none', null, null, false),
  ('no me escribas mas', 'opt_out', 'es_phrase:no me escribas', 'phone', false),
  ('Por favor no me llamen', 'opt_out', 'es_phrase:no me llamen', 'phone', false),
  ('NO ME CONTACTES', 'opt_out', 'es_phrase:no me contactes', 'phone', false),
  ('ya no me manden mensajes', 'opt_out', 'es_phrase:no me manden', 'phone', false),
  ('No me vuelvas a escribir', 'opt_out', 'es_phrase:no me vuelvas a escribir', 'phone', false),
  ('Quítame de la lista', 'opt_out', 'es_phrase:quitame de la lista', 'phone', false),
  ('sacame de la lista porfa', 'opt_out', 'es_phrase:sacame de la lista', 'phone', false),
  ('Sáquenme de su lista', 'opt_out', 'es_phrase:saquenme de su lista', 'phone', false),
  ('No molestar', 'opt_out', 'es_phrase:no molestar', 'phone', false),
  ('Quiero darme de baja', 'opt_out', 'es_phrase:darme de baja', 'phone', false),
  ('denme de baja de todo', 'opt_out', 'es_phrase:denme de baja', 'all', false),
  ('Ya basta de mensajes', 'opt_out', 'es_phrase:ya basta', 'phone', false),
  ('no quiero mas mensajes', 'opt_out', 'es_phrase:no quiero mas mensajes', 'phone', false),
  -- A revocation word inside a longer sentence: opted out anyway, for review.
  ('I can''t stop thinking about that truck, is it still there?', 'opt_out', 'fcc_word:stop', 'phone', true),
  ('I need to cancel my appointment', 'opt_out', 'fcc_word:cancel', 'phone', true),
  ('ok stop', 'opt_out', 'opt_out_keyword:stop', 'phone', false),
  ('Yes I''m interested but STOP sending so many', 'opt_out', 'en_phrase:stop sending', 'phone', false),
  ('I quit my job so I can''t afford it', 'opt_out', 'fcc_word:quit', 'phone', true),
  ('This has to end', 'opt_out', 'fcc_word:end', 'phone', true),
  ('quiero cancelar la cita', 'opt_out', 'es_word:cancelar', 'phone', true),
  ('baja, gracias', 'opt_out', 'opt_out_keyword:baja', 'phone', false),
  ('Alto por favor ya no', 'opt_out', 'es_word:alto', 'phone', true),
  -- Wrong numbers.
  ('Wrong number', 'wrong_number', 'wrong_number:wrong number', 'phone', false),
  ('You have the wrong number, stop texting me', 'wrong_number', 'wrong_number:wrong number', 'phone', false),
  ('wrong # sorry', 'wrong_number', 'wrong_number:wrong number', 'phone', false),
  ('This isn''t Maria''s phone', 'wrong_number', 'wrong_number:this isn t maria s phone', 'phone', false),
  ('Número equivocado', 'wrong_number', 'wrong_number:numero equivocado', 'phone', false),
  ('No soy Carlos', 'wrong_number', 'wrong_number:no soy carlos', 'phone', false),
  ('se equivocó de número', 'wrong_number', 'wrong_number:se equivoco de numero', 'phone', false),
  ('No one here by that name', 'wrong_number', 'wrong_number:no one here by that name', 'phone', false),
  -- Opt back in, and help.
  ('START', 'opt_in', 'opt_in_keyword:start', null, false),
  ('Unstop', 'opt_in', 'opt_in_keyword:unstop', null, false),
  ('yes', 'opt_in', 'opt_in_keyword:yes', null, false),
  ('Subscribe', 'opt_in', 'opt_in_keyword:subscribe', null, false),
  ('HELP', 'help', 'help_keyword:help', null, false),
  ('info?', 'help', 'help_keyword:info', null, false),
  ('Ayuda', 'help', 'help_keyword:ayuda', null, false),
  -- Replies that must stay none.
  ('Is it still available?', 'none', null, null, false),
  ('call me at 5', 'none', null, null, false),
  ('Call me tomorrow after 3pm', 'none', null, null, false),
  ('end of the month works', 'none', null, null, false),
  ('At the end of the day I need a truck', 'none', null, null, false),
  ('I''ll stop by Saturday morning', 'none', null, null, false),
  ('Can I stop in after work?', 'none', null, null, false),
  ('It''s near the bus stop?', 'none', null, null, false),
  ('Is it a high end trim?', 'none', null, null, false),
  ('Weekend works for me', 'none', null, null, false),
  ('I stopped by yesterday but you were closed', 'none', null, null, false),
  ('Do you have the cancellation policy?', 'none', null, null, false),
  ('How much is it?', 'none', null, null, false),
  ('yes please, text me the price', 'none', null, null, false),
  ('Who is this?', 'none', null, null, false),
  ('Not interested', 'none', null, null, false),
  ('el precio esta muy alto', 'none', null, null, false),
  ('¿Baja el precio si pago cash?', 'none', null, null, false),
  ('Vivo en Baja California', 'none', null, null, false),
  ('¿Todavía lo tiene?', 'none', null, null, false),
  ('Llámame a las 5', 'none', null, null, false),
  ('Sí me interesa, ¿cuánto cuesta?', 'none', null, null, false),
  ('no soy de aqui, estoy en Houston', 'none', null, null, false),
  ('restart', 'none', null, null, false),
  ('helpful, thanks', 'none', null, null, false),
  ('', 'none', null, null, false),
  (null, 'none', null, null, false);

select plan((select count(*)::int + 1 from consent_corpus));

-- TEST: the corpus is large enough to mean something.
select cmp_ok((select count(*)::int from consent_corpus), '>=', 80, 'at least 80 replies in the corpus');

-- TEST: every reply gets its expected kind, rule, scope and review flag.
select is(
  pg_catalog.format('%s | %s | %s | review %s', c.kind, coalesce(c.rule, '-'), coalesce(c.scope, '-'), c.needs_review),
  pg_catalog.format('%s | %s | %s | review %s', x.kind, coalesce(x.rule, '-'), coalesce(x.scope, '-'), x.review),
  pg_catalog.format('%s → %s', coalesce(pg_catalog.translate(pg_catalog.quote_literal(x.reply), E'\n\r\t', '   '), 'null'), x.kind))
from consent_corpus x
cross join lateral brain.classify_consent(x.reply) c
order by x.id;

select * from finish();
rollback;
