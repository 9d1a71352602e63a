-- Kept for callers that only need the kind: brain.classify_consent is the decision.
-- plpgsql so this file (loaded first) may name a function defined later in sql/.
create or replace function brain.classify_keyword(p_text text)
returns text
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  return (select c.kind from brain.classify_consent(p_text) c);
end
$$;

comment on function brain.classify_keyword(text) is
  'The kind of brain.classify_consent(p_text): opt_out, opt_in, help, wrong_number or none. A revocation word or phrase anywhere in the message is opt_out ("stop calling me", "No me escribas más"); opt_in and help only when the whole message is the keyword. See brain.classify_consent for the rule that matched.';
