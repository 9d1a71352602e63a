-- migrate:up

-- Issue 19: private.queue_enrichment takes p_keyed (sql/1402): the triggers queue unkeyed
-- enrich_leads jobs inside the transactions that insert leads, and only the crontab's sweep
-- keys them. The one-argument version goes; sql/1402 creates the new one.
drop function if exists private.queue_enrichment(uuid[]);

-- migrate:down
drop function if exists private.queue_enrichment(uuid[], boolean);
