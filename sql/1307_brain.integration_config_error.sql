-- Which provider errors mean "the account's credentials or configuration are wrong" (an
-- integration failing until a person fixes it), as opposed to a bad number, a busy
-- provider or a network blip, which say nothing about the integration.
create or replace function brain.integration_config_error(p_integration text, p_error_code text)
returns boolean
language sql
immutable
as $$
  select coalesce(p_error_code, '') ~* (
    '^(http_401|http_403|401|403|unauthorized|forbidden|authentication_error|authentication_failed|permission_denied'
    || '|invalid_api_key|invalid_auth|not_authed|token_revoked|token_expired|account_inactive|missing_scope|no_token'
    || '|credentials_unreadable|insufficient_quota|missing_[a-z_]+_env)$')
    or (p_integration = 'twilio' and p_error_code in ('20003', '20005'))
    or (p_integration = 'telnyx' and p_error_code in ('10009', '10010'))
$$;

comment on function brain.integration_config_error(text, text) is
  'True when a provider''s error code means the account''s credentials or configuration are refused: HTTP 401/403, invalid or revoked keys and tokens (Slack invalid_auth, not_authed, token_revoked, account_inactive, missing_scope), OpenAI insufficient_quota, missing_<provider>_env, credentials_unreadable, Twilio 20003/20005, Telnyx 10009/10010. Other errors (a bad number, rate limits, time-outs) are not.';

grant execute on function brain.integration_config_error(text, text) to revenue_worker, revenue_api, revenue_analyst;
