-- An auto-sent draft whose touch the dispatcher has already taken (sending) is left to
-- go when the lead replies again: its draft stays approved.
begin;
select plan(3);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.auto_sent_ai_draft(:'a', :'l', :'now') as d \gset
select touch_run_id as t from public.ai_drafts where id = :'d' \gset
update public.touch_runs set status = 'sending', claimed_at = :'now'::timestamptz - interval '1 second' where id = :'t';
select tests.inbound_message(:'a', :'l', 'thanks!', :'now'::timestamptz - interval '1 minute') as m \gset

-- TEST: nothing rejected.
select is(brain.record_reply_sentiment(:'m', 'Interested', 'llm', 'thanks', 0.9, :'now') -> 'drafts_rejected', '0'::jsonb, 'nothing rejected');
select is((select status from public.ai_drafts where id = :'d'), 'approved', 'the draft stays approved');
select is((select status from public.touch_runs where id = :'t'), 'sending', 'its touch keeps sending');

select * from finish();
rollback;
