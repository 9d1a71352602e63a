-- Issue 19: an email's status from its checks: bad syntax → invalid_syntax; the domain has
-- no mail exchanger (NXDOMAIN, no MX, a null MX) → no_mx; an MX was found → valid; the MX
-- was not checked (ENRICHMENT_DNS off) or the answer was not conclusive → unknown.
create or replace function brain.email_check_status(p_syntax_ok boolean, p_mx text)
returns text
language sql
immutable
as $$
  select case
    when p_syntax_ok is not true then 'invalid_syntax'
    when p_mx = 'none' then 'no_mx'
    when p_mx = 'found' then 'valid'
    else 'unknown'
  end
$$;

comment on function brain.email_check_status(boolean, text) is
  'leads.email_status from an address''s checks: syntax not ok → invalid_syntax; p_mx none (NXDOMAIN, no MX records, only a null MX) → no_mx; found → valid; not_checked or inconclusive (SERVFAIL, a time-out) → unknown.';
