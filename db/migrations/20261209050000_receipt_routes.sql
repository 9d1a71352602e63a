-- migrate:up

-- public.receive_webhooks answers one row per element (n, outcome: received, duplicate
-- or stale) instead of the (provider, idempotency_key) of what it wrote: a receipt may
-- now carry the route of a cached account lookup, checked in the same statement
-- (sql/0662_public.receive_webhooks.sql). The return type changes, so the function is
-- dropped here and created again from sql/.
drop function if exists public.receive_webhooks(jsonb);

-- migrate:down

drop function if exists public.receive_webhooks(jsonb);
