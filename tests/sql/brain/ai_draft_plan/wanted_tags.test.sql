-- Only Interested, Meeting Requested and Follow Up replies get a draft; every other
-- tag, and a reply not classified yet, does not, and the answer says why.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset

create temp table tags on commit drop as
select t.tag, tests.create_lead(:'a', '+1305555' || lpad(t.n::text, 4, '0')) as lead_id
from unnest(array['Interested', 'Meeting Requested', 'Follow Up', 'Not Interested', 'Out of Office', 'Automated Reply',
                  'Blacklist', 'Neutral']) with ordinality t(tag, n);
alter table tags add column m uuid;
update tags set m = tests.inbound_message(:'a', lead_id, 'reply', :'now'::timestamptz - interval '5 minutes');
select brain.record_reply_sentiment(m, tag, 'llm', 'test', 0.9, :'now') from tags;

-- TEST: which tags want a draft.
select results_eq($$select tag, (brain.ai_draft_plan(m, tests.local_at(1, '10:00')) ->> 'wanted')::boolean from tags order by tag$$,
  $$values ('Automated Reply'::text, false), ('Blacklist', false), ('Follow Up', true), ('Interested', true), ('Meeting Requested', true),
           ('Neutral', false), ('Not Interested', false), ('Out of Office', false)$$,
  'wanted for Interested, Meeting Requested and Follow Up only');
select is((select brain.ai_draft_plan(m, :'now') ->> 'reason' from tags where tag = 'Not Interested'),
  'no draft for Not Interested replies', 'the reason names the tag');
select is((select brain.ai_draft_plan(m, :'now') ->> 'reason' from tags where tag = 'Interested'), null, 'a wanted draft has no reason');

-- TEST: not classified yet.
select tests.create_lead(:'a', '+13055559999') as l \gset
select tests.inbound_message(:'a', :'l', 'hello', :'now'::timestamptz - interval '5 minutes') as raw \gset
select is(brain.ai_draft_plan(:'raw', :'now') ->> 'reason', 'the reply is not classified yet', 'unclassified: not wanted');

-- TEST: an unknown message.
select is(brain.ai_draft_plan(gen_random_uuid(), :'now'), '{"wanted": false, "reason": "no such message"}'::jsonb, 'no such message');

select * from finish();
rollback;
