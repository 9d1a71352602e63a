-- The AI inbox's jobs are queued by the database: a draft that needs review gets its
-- Slack post (ai_draft_review), a regeneration request its rewrite (ai_draft_regenerate),
-- and a posted draft that is decided its post's rewrite (ai_draft_review_update); a draft
-- never posted gets no rewrite.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_lead(:'a', '+13055550102') as l2 \gset
select tests.pending_ai_draft(:'a', :'l', :'now') as d \gset
select tests.pending_ai_draft(:'a', :'l2', :'now') as d2 \gset

-- TEST: each pending draft that needs review has its Slack post queued.
select set_eq($$select job_key from tests.jobs('ai_draft_review')$$,
  format($$values ('ai_draft_review:' || %L), ('ai_draft_review:' || %L)$$, :'d', :'d2'), 'one ai_draft_review job per draft');

-- TEST: a regeneration request.
select public.request_ai_draft_regeneration(:'d', 'user:x', :'now');
select set_eq($$select job_key from tests.jobs('ai_draft_regenerate')$$, format($$values ('ai_draft_regenerate:' || %L)$$, :'d'),
  'the request queues ai_draft_regenerate');

-- TEST: decided after being posted: the post's rewrite; decided without a post: none.
select brain.record_slack_review(:'d', 'D0SETTER01', '1765000001.000001', 'U0SETTER01', null, :'now');
select is((select count(*)::int from tests.jobs('ai_draft_review_update')), 0, 'posting queues no rewrite');
select public.reject_ai_draft(:'d', 'user:x', null, 'no', :'now');
select public.reject_ai_draft(:'d2', 'user:x', null, 'no', :'now');
select set_eq($$select job_key from tests.jobs('ai_draft_review_update')$$, format($$values ('ai_draft_review_update:' || %L)$$, :'d'),
  'the posted draft''s rejection queues its rewrite; the other''s does not');
select is((select brain.slack_review_state(:'d') ->> 'status'), 'rejected', 'the rewrite reads the decided state');

select * from finish();
rollback;
