-- A first, rule-based reading of a reply (English and Spanish). The AI stage
-- (inbound_post_process) can refine it later; decisions never wait for it.
-- Revocations and wrong numbers are brain.classify_consent's: they are negative
-- here whatever else the reply says ("yes, but don't call me").
-- p_consent_kind: what brain.classify_consent already said of this same text, when the
-- caller has it (brain.apply_inbound_message), so it is not read twice; null reads it here.
create or replace function brain.classify_reply(p_text text, p_consent_kind text default null)
returns text
language sql
immutable
parallel safe
as $$
  with t as (
    select ' ' || pg_catalog.regexp_replace(pg_catalog.lower(coalesce(p_text, '')), '[^[:alnum:]áéíóúñü ]+', ' ', 'g') || ' ' as s,
           coalesce(p_consent_kind, (select c.kind from brain.classify_consent(p_text) c)) as consent
  )
  select case
    when consent in ('opt_out', 'wrong_number')
      then 'negative'
    when s ~ ' (not interested|no me interesa|no gracias|no thanks|no thank you|ya lo vendi|ya lo vendí|already sold|sold it|no estoy interesad[oa]) '
      then 'negative'
    when s ~ '^ *(no|nope|nah) *$'
      then 'negative'
    when s ~ ' (yes|yeah|yep|sure|ok|okay|interested|call me|give me a call|sounds good|let s talk|lets talk|how much|available|si|sí|claro|me interesa|interesad[oa]|llamame|llámame|llamenme|llámenme|cuanto|cuánto|dale|de acuerdo|perfecto|todavia lo tengo|todavía lo tengo|still have it|still available) '
      then 'positive'
    else 'neutral'
  end
  from t
$$;

comment on function brain.classify_reply(text, text) is
  'Rule-based sentiment of a reply, English and Spanish: negative (a revocation or wrong number by brain.classify_consent, not interested, no gracias, already sold, a bare no, ...), positive (yes, interested, call me, me interesa, llámame, sí, ...), else neutral. Negative wins over positive. p_consent_kind: the kind brain.classify_consent gives this same text, when the caller already has it (it must be that, not another text''s); null (the default) classifies it here.';
