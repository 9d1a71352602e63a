-- Every recorded inbound message gets one inbound_post_process job (the AI stage),
-- queued by the database in the same transaction, keyed by the message.
create or replace function private.tg_inbound_messages__enqueue_post_process()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  -- The receipts drain queues its batch's jobs itself, with one add_jobs.
  if pg_catalog.current_setting('revenue.defer_post_process', true) = 'on' then
    return null;
  end if;
  perform graphile_worker.add_jobs(array(
    select row('inbound_post_process', pg_catalog.json_build_object('inbound_message_id', n.id), null, null,
               5, 'inbound_post_process:' || n.id::text, null, null)::graphile_worker.job_spec
    from new_rows n));
  return null;
end
$$;

comment on function private.tg_inbound_messages__enqueue_post_process() is
  'Trigger: queues graphile_worker job inbound_post_process {inbound_message_id} (max 5 attempts, job_key inbound_post_process:<id>) for every inserted inbound message, once per statement; nothing while revenue.defer_post_process is on (brain.drain_webhook_receipts queues a whole batch''s jobs with one add_jobs). Security definer: ingestion runs as revenue_worker, which has no rights on graphile_worker.';

create or replace trigger enqueue_post_process after insert on public.inbound_messages
  referencing new table as new_rows
  for each statement execute function private.tg_inbound_messages__enqueue_post_process();
