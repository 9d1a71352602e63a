-- migrate:up

-- public.queue_manual_message gained p_request_id (a resubmitted form queues nothing
-- twice); sql/ defines the new signature, so the old one goes.
drop function if exists public.queue_manual_message(uuid, text, text, text, text, timestamptz);

-- migrate:down

-- The old signature is not restored: sql/ defines the function, and the build applies it.
select 1;
