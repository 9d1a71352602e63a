-- Carrier keyword handling (CTIA): a message that is exactly one keyword.
create or replace function brain.classify_keyword(p_text text)
returns text
language sql
immutable
parallel safe
as $$
  select case pg_catalog.upper(pg_catalog.regexp_replace(coalesce(p_text, ''), '^[[:space:]¡¿]+|[[:space:]!.?¡¿]+$', '', 'g'))
    when 'STOP' then 'opt_out'
    when 'STOPALL' then 'opt_out'
    when 'UNSUBSCRIBE' then 'opt_out'
    when 'CANCEL' then 'opt_out'
    when 'END' then 'opt_out'
    when 'QUIT' then 'opt_out'
    when 'OPTOUT' then 'opt_out'
    when 'REVOKE' then 'opt_out'
    when 'START' then 'opt_in'
    when 'YES' then 'opt_in'
    when 'UNSTOP' then 'opt_in'
    when 'HELP' then 'help'
    when 'INFO' then 'help'
    else 'none'
  end
$$;

comment on function brain.classify_keyword(text) is
  'Classifies an inbound message as opt_out (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, OPTOUT, REVOKE), opt_in (START, YES, UNSTOP), help (HELP, INFO) or none. Case-insensitive; surrounding spaces and trailing punctuation are ignored; only a message that is a single word counts ("stop calling me" is none).';
