-- The one consent decision (issue 13, FCC 24-24): what an inbound reply says about
-- consent, in English or Spanish, and the rule that said it. A missed revocation is
-- expensive and a false one cheap, so a revocation word anywhere counts; where it
-- sits in a longer sentence the result asks for a person's review.
--
-- The text is lower-cased, stripped of accents, # is read as "number", and every run
-- of characters other than letters and digits becomes one space (so "Don't", "dont" and "don t" are
-- the same, and punctuation never hides a word). Rules, first match wins:
--   opt_out_keyword  the whole message is a revocation word (stop, quit, end, revoke,
--                    opt out, cancel, unsubscribe, stopall, baja, alto, cancelar),
--                    politeness aside ("STOP please", "Baja ya")
--   opt_in_keyword   the whole message is start, unstop, yes, subscribe or resume
--   help_keyword     the whole message is help, info or ayuda
--   wrong_number     wrong number / person, número equivocado, no soy <name>, …
--   en_phrase        remove me / us, take me / us off, do not / don't text|call|contact|message me / us,
--                    leave me alone, no more texts, stop texting, unsubscribe, opt out, …
--   es_phrase        no me escribas|llames|contactes|mandes, deja(n) de escribirme|llamarme, no quiero que me contacten, bórrame, quítame|sácame de la lista,
--                    no molestar, darme de baja, ya basta, …
--   fcc_word         stop, quit, end, cancel anywhere else (needs_review), except in
--                    "stop by", "bus stop", "end of the month", "the end", "end up"
--   es_word          baja, alto, cancelar anywhere else (needs_review), except where they
--                    mean low/high ("precio muy alto", "baja el precio", "Baja California")
-- scope: for opt_out, 'all' when the reply names every channel or email ("stop all",
-- "don't email me either", "de todo"), else 'phone' (SMS, WhatsApp, voice); 'phone'
-- for wrong_number.
create or replace function brain.classify_consent(p_text text)
returns table (kind text, rule text, scope text, needs_review boolean)
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
-- plpgsql, not sql: each step is computed once and the rules stop at the first match
-- (a sql body flattened by the planner repeats the regular expressions per reference).
declare
  v_s text;
  v_whole text;
  v_core text;
  v_hit text;
begin
  v_s := ' ' || pg_catalog.btrim(pg_catalog.regexp_replace(pg_catalog.replace(
           pg_catalog.lower(pg_catalog.translate(coalesce(p_text, ''),
             'áàäâãéèëêíìïîóòöôõúùüûñçÁÀÄÂÃÉÈËÊÍÌÏÎÓÒÖÔÕÚÙÜÛÑÇ',
             'aaaaaeeeeiiiiooooouuuuncaaaaaeeeeiiiiooooouuuunc')), '#', ' number '),
           '[^a-z0-9]+', ' ', 'g')) || ' ';
  v_whole := pg_catalog.btrim(v_s);
  v_core := pg_catalog.btrim(pg_catalog.regexp_replace(pg_catalog.regexp_replace(v_s,
    '\m(please|pls|plz|por favor|porfa|porfavor|now|right now|ya|thanks|thank you|thx|ty|gracias|ok|okay)\M', ' ', 'g'),
    ' +', ' ', 'g'));
  needs_review := false;
  scope := null;

  if v_core in ('stop', 'stopall', 'stop all', 'quit', 'end', 'revoke', 'opt out', 'optout', 'cancel', 'unsubscribe',
                'unsub', 'baja', 'alto', 'cancelar') then
    kind := 'opt_out';
    rule := 'opt_out_keyword:' || v_core;
  elsif v_whole in ('start', 'unstop', 'yes', 'subscribe', 'resume') then
    kind := 'opt_in';
    rule := 'opt_in_keyword:' || v_whole;
  elsif v_whole in ('help', 'info', 'ayuda') then
    kind := 'help';
    rule := 'help_keyword:' || v_whole;
  else
    v_hit := pg_catalog.substring(v_s,
      '\m(wrong (number|num|no|person|guy|girl|lady|phone|contact|text)'
          '|not (his|her|their|the right) (number|phone|cell)'
          '|[a-z]+ s (number|phone|cell) is not this'
          '|(this is not|this isn t|this isnt|not) [a-z]+ s (number|phone|cell)'
          '|(no one|nobody|noone) (here )?(by|named|with|called) th(at|is) name'
          '|(numero|telefono|celular|cel) (equivocado|incorrecto|errado|equivocada)'
          '|equivocad[oa]s? de (numero|persona)'
          '|se equivoc[oa]n? de (numero|persona)'
          '|te equivocaste de (numero|persona)'
          '|no es (su|el|mi) numero'
          '|no conozco a (ningun|ninguna|nadie)'
          '|no soy (?!(de|yo|el que|la que|quien|interesad[oa]|la persona que|el mismo)\M)[a-z]+)\M');
    if v_hit is not null then
      kind := 'wrong_number';
      rule := 'wrong_number:' || v_hit;
      scope := 'phone';
    else
      v_hit := pg_catalog.substring(v_s,
        '\m(remove (me|us)|remove my (number|name|info)|remove our (number|name|info|address|email)|take (me|us) off'
          '|take (my|our) (number|name|address|email) off'
          '|(do not|don t|dont|pls dont|never|stop) (ever )?(text|txt|call|contact|message|msg|email|e mail|bother|sms|whatsapp|ring) (me|us)'
          '|stop all( messages| texts| calls)?|leave me alone|no more (texts|text|txts|messages|msgs|calls|emails)'
          '|stop (texting|txting|calling|messaging|contacting|sending|emailing|bothering)'
          '|opt me out|opt out|optout|unsubscribe|unsub|revoke|revoking'
          '|(lose|delete|erase) my (number|info|contact)|do not disturb)\M');
      rule := 'en_phrase:' || v_hit;
      if v_hit is null then
        v_hit := pg_catalog.substring(v_s,
          '\m(no me (vuelvas a |vuelvan a |vuelva a |sigas |sigan |siga )?(escribas|escriban|escriba|escribir|escribiendo|llames|llamen|llame|llamar|llamando|contactes|contacten|contacte|contactar|contactando|mandes|manden|mande|mandar|mandando|envies|envien|envie|enviar|enviando|textees|molestes|molesten|moleste|molestar|molestando)'
            '|(quitame|quitenme|quiteme|sacame|saquenme|saqueme|borrame|borrenme|borreme|eliminame|eliminenme|elimineme) de (la|su|tu|sus|tus|esta|esa|aqui|ahi)( lista| listas| base)?'
            '|(deja|dejen|deje|dejes|dejar|para|paren|pare|pares) de (escribir|llamar|mandar|enviar|contactar|molestar|textear)(me|nos)?'
            '|no quiero que me (escribas|escriban|llames|llamen|contactes|contacten|mandes|manden|molestes|molesten)'
            '|(?<=^ )(quitame|quitenme|sacame|saquenme|borrame|borrenme|eliminame|eliminenme)(?= $)'
            '|no molestar|(dar|darme|darnos|dame|denme|deme|doy) de baja'
            '|ya basta|basta ya|no quiero (mas|recibir) (mensajes|llamadas|textos|msj)|no mas (mensajes|llamadas|textos))\M');
        rule := 'es_phrase:' || v_hit;
      end if;
      if v_hit is null then
        v_hit := pg_catalog.substring(pg_catalog.regexp_replace(v_s,
            '\m(stop (by|in|over|past)|(bus|pit|one|truck|rest|last|first|next) stop|non stop|stop (light|sign)'
              '|end of|the end|end up|(high|low|back|front|rear|dead|week|this|that|an|a|my|your|our|far|other) end)\M', ' ', 'g'),
          '\m(stopall|stop|quit|end|cancel)\M');
        rule := 'fcc_word:' || v_hit;
        needs_review := v_hit is not null;
      end if;
      if v_hit is null then
        v_hit := pg_catalog.substring(pg_catalog.regexp_replace(v_s,
            '\m((muy|mas|tan|demasiado|bastante|algo|poco|precio|es|esta|son|estan|un|el|lo|en|que|mucho|palo|suzuki|punto|pasa|pase|siga) alto'
              '|alto (precio|kilometraje|millaje|de gama|rendimiento)'
              '|(mas|muy|tan|planta|precio|temporada|se|si|cuanto|lo|que|de) baja'
              '|baja (california|el|de|del|un|su|mucho|mas|precio|los|las))\M', ' ', 'g'),
          '\m(baja|alto|cancelar)\M');
        rule := 'es_word:' || v_hit;
        needs_review := v_hit is not null;
      end if;
      kind := case when v_hit is null then 'none' else 'opt_out' end;
    end if;
  end if;

  if kind = 'opt_out' then
    scope := case when v_s ~ ('\m(stopall|stop all|unsubscribe (me )?(from )?(all|everything)|all (channels|messages|communications|contact)'
                             '|everything|(don t|do not|dont|no more|stop|never) (email|emails|emailing|e mail|e mailing)'
                             '|(email|emails|e mail|correo|correos) (too|either|tambien)|de todo|todas las listas'
                             '|ni (por )?(correo|correos|email|emails)|(ningun|ninguna) (medio|canal))\M')
                  then 'all' else 'phone' end;
  end if;
  return next;
end
$$;

comment on function brain.classify_consent(text) is
  'The consent decision for an inbound reply (FCC 24-24; English and Spanish). kind: opt_out (a revocation word or phrase anywhere: stop, quit, end, revoke, opt out, cancel, unsubscribe; remove me / us, take me / us off, do not / don''t text|call|contact|message me / us, leave me alone, no more texts; baja, alto, no me escribas|llames|contactes|mandes, quítame|sácame de la lista, no molestar, cancelar, darme de baja), opt_in (the whole message is START, UNSTOP, YES, SUBSCRIBE or RESUME), help (HELP, INFO, AYUDA), wrong_number ("wrong number", "número equivocado", "no soy <name>", ...) or none. rule: which rule matched and the words, e.g. opt_out_keyword:stop, en_phrase:stop texting, es_phrase:no me escribas, fcc_word:end, wrong_number:numero equivocado (null for none). scope: all (the reply names every channel or email: stop all, don''t email me, de todo) or phone (SMS, WhatsApp, voice) for opt_out; phone for wrong_number; null otherwise. needs_review: a revocation word read from a longer sentence (fcc_word, es_word): honoured anyway, a person should look. Case, accents and punctuation are ignored; benign uses are not revocations (stop by, bus stop, end of the month, the end, precio muy alto, baja el precio, Baja California).';
