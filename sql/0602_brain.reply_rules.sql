-- Reply understanding, the part that needs no model (issue 17, seed 003 §8): the tags
-- SQL can give a reply on its own, checked in this order, first match wins:
--   1. consent: the consent classifier (brain.classify_consent, issue 13) read the reply
--      (subject and body) as a revocation or a wrong number → Blacklist;
--   2. a bounce (the email's headers or report said so, inbound_messages.auto_kind) → Blacklist;
--   3. out of office: "out of office", "OOO until …", "on vacation / leave / holiday", "away from the
--      office", "fuera de la oficina", "de vacaciones", … in the subject or body
--      → Out of Office (an auto-reply that says so included);
--   4. an automatic reply by its headers (auto_kind auto_reply), or by its words ("this is
--      an automated message", "do not reply to this email", "this mailbox is not
--      monitored", "respuesta automática", …) → Automated Reply;
--   5. plain not interested: brain.classify_reply reads the body as negative, in at most
--      15 words, with nothing that leaves a door open ("but", "maybe", "later", "next
--      month", "pero", "quizás", "más adelante", …) → Not Interested;
--   6. no text at all (a picture, an empty email) → Neutral.
-- Anything else is for the model (or Neutral without a key): no row.
create or replace function brain.reply_rules(
  p_body text,
  p_subject text default null,
  p_consent_kind text default null,
  p_consent_rule text default null,
  p_auto_kind text default null,
  p_auto_reason text default null
)
returns table (tag text, reason text)
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
declare
  v_text text := pg_catalog.concat_ws(' ', p_subject, p_body);
  v_s text;
  v_consent record;
  v_hit text;
  v_words integer;
begin
  -- 1. consent. The caller passes what the classifier said of the body at ingest; the
  -- subject (email) is read here too, since "Unsubscribe" often is the whole subject.
  if p_consent_kind in ('opt_out', 'wrong_number') then
    tag := 'Blacklist';
    reason := 'consent: ' || p_consent_kind || coalesce(' (' || p_consent_rule || ')', '');
    return next;
    return;
  end if;
  if p_subject is not null then
    -- The subject only when it says so outright ("Unsubscribe", "Remove me"): a stray word
    -- in it ("Re: Stop overpaying…", often our own subject) is not the lead's revocation.
    select c.kind, c.rule, c.needs_review into v_consent from brain.classify_consent(p_subject) c;
    if v_consent.kind in ('opt_out', 'wrong_number') and not v_consent.needs_review then
      tag := 'Blacklist';
      reason := 'consent: ' || v_consent.kind || ' in the subject (' || v_consent.rule || ')';
      return next;
      return;
    end if;
  end if;

  -- 2. bounce.
  if p_auto_kind = 'bounce' then
    tag := 'Blacklist';
    reason := 'bounce' || coalesce(': ' || p_auto_reason, '');
    return next;
    return;
  end if;

  v_s := ' ' || pg_catalog.btrim(pg_catalog.regexp_replace(brain.fold_text(coalesce(v_text, '')), '[^a-z0-9]+', ' ', 'g')) || ' ';

  -- 3. out of office.
  v_hit := pg_catalog.substring(v_s,
    '\m(out of (the )?office|ooo (until|till|thru|through|from|back|today|this|on)|on (annual |parental |maternity |paternity |sick |medical )?leave'
        '|on (vacation|holiday|holidays|pto)|away from (the |my )?(office|desk|email|e mail)'
        '|(back|return|returning) (in|to) the office|limited access to (my )?(email|e mail)'
        '|fuera de (la )?oficina|de vacaciones|ausente (hasta|del)|acceso limitado al correo)\M');
  if v_hit is not null then
    tag := 'Out of Office';
    reason := 'out of office: "' || v_hit || '"';
    return next;
    return;
  end if;

  -- 4. automatic replies.
  if p_auto_kind = 'auto_reply' then
    tag := 'Automated Reply';
    reason := 'automatic reply' || coalesce(': ' || p_auto_reason, '');
    return next;
    return;
  end if;
  v_hit := pg_catalog.substring(v_s,
    '\m(this is an? (automated|automatic|auto generated) (message|response|reply|email|notification)'
        '|(automated|automatic) (reply|response)|auto reply|autoreply|auto response'
        '|(do not|don t|please do not) reply to this (email|e mail|message|address)'
        '|this (mailbox|inbox|address|email address) is (not|no longer) (monitored|checked|in use|active)'
        '|(respuesta|mensaje|correo) automatic[oa]|no responda (a )?este (correo|mensaje)'
        '|este (buzon|correo) no (es|esta) (monitoreado|supervisado))\M');
  if v_hit is not null then
    tag := 'Automated Reply';
    reason := 'automatic reply: "' || v_hit || '"';
    return next;
    return;
  end if;

  -- 6 before 5: nothing to read.
  if pg_catalog.btrim(v_s) = '' then
    tag := 'Neutral';
    reason := 'no text';
    return next;
    return;
  end if;

  -- 5. plain not interested. The body alone: an emailed reply's subject is mostly our
  -- own ("Re: … reply if you want a quote"), and its words are not the lead's.
  if brain.classify_reply(coalesce(p_body, ''), coalesce(p_consent_kind, 'none')) = 'negative' then
    v_s := ' ' || pg_catalog.btrim(pg_catalog.regexp_replace(brain.fold_text(coalesce(p_body, '')), '[^a-z0-9]+', ' ', 'g')) || ' ';
    v_words := pg_catalog.array_length(pg_catalog.regexp_split_to_array(pg_catalog.btrim(v_s), ' '), 1);
    if v_words <= 15 and v_s !~ '\m(but|maybe|perhaps|later|next (week|month|year|time|season)|not (right )?now|not yet|unless|if|call me|text me|email me|pero|quizas|tal vez|talvez|despues|mas adelante|luego|todavia no|ahora no|el (mes|ano) que viene|llamame|escribeme|si)\M' then
      tag := 'Not Interested';
      reason := 'not interested, plainly';
      return next;
      return;
    end if;
  end if;
  return;
end
$$;

comment on function brain.reply_rules(text, text, text, text, text, text) is
  'The tags a reply gets without any model call (issue 17), first match wins: Blacklist when the consent classifier read it (p_consent_kind, or the subject) as opt_out or wrong_number, or its headers made it a bounce (p_auto_kind = bounce); Out of Office by its words (out of office, OOO until/from/back…, on vacation/leave, away from the office, fuera de la oficina, de vacaciones, …); Automated Reply by its headers (p_auto_kind = auto_reply) or words (this is an automated message, do not reply to this email, respuesta automática, …); Neutral when there is no text; Not Interested when brain.classify_reply reads the body (not the subject, mostly our own) as negative in at most 15 words with nothing that leaves a door open (but, maybe, later, next month, pero, quizás, más adelante, …). No row: the reply needs the model. reason says which rule matched.';
