-- An approved draft becomes sent when its touch is sent (through the dispatch path:
-- claim, then the provider's answer); a failed touch leaves it approved; other
-- touches and other drafts are unaffected.
begin;
select plan(7);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l1 \gset
select tests.create_lead(:'a', '+13055550102') as l2 \gset
select tests.create_lead(:'a', '+13055550103') as l3 \gset
select tests.create_lead(:'a', '+13055550104') as l4 \gset

create temp table drafts (k text, lead uuid, d uuid, t uuid) on commit drop;
insert into drafts (k, lead) values ('sent', :'l1'), ('failed', :'l2'), ('unknown', :'l3'), ('waiting', :'l4');
update drafts set d = tests.pending_ai_draft(:'a', lead, :'now');
update drafts set t = (public.approve_ai_draft(d, 'user:x', null, null, null, null, :'now'::timestamptz - interval '1 minute') ->> 'touch_run_id')::uuid;

-- The dispatcher takes three of the four touches, a second apart (one sender, one a second).
select results_eq($$select k, brain.claim_touch(t, 'tests', tests.local_at(1, '10:00') + make_interval(secs => n)) ->> 'outcome'
                    from (select k, t, row_number() over (order by k) as n from drafts where k <> 'waiting') x order by k$$,
  $$values ('failed'::text, 'claimed'::text), ('sent', 'claimed'), ('unknown', 'claimed')$$, 'the three touches are claimed');

-- TEST: the provider accepts one: its draft is sent.
select brain.record_touch_outcome(t, 'accepted', 'SM-AI-1', 'accepted', null, null, :'now') from drafts where k = 'sent';
select results_eq($$select d.k, x.status from drafts d join public.ai_drafts x on x.id = d.d order by d.k$$,
  $$values ('failed'::text, 'approved'::text), ('sent', 'sent'), ('unknown', 'approved'), ('waiting', 'approved')$$,
  'the accepted touch''s draft is sent; the others stay approved');

-- TEST: a rejected send leaves the draft approved.
select brain.record_touch_outcome(t, 'rejected', null, 'failed', '30007', 'carrier filtered', :'now') from drafts where k = 'failed';
select results_eq($$select t.status, x.status from drafts d join public.touch_runs t on t.id = d.t join public.ai_drafts x on x.id = d.d where d.k = 'failed'$$,
  $$values ('failed'::text, 'approved'::text)$$, 'touch failed, draft approved');

-- TEST: an outcome first unknown, then found sent.
select brain.record_touch_outcome(t, 'unknown', null, null, 'timeout', 'no answer', :'now') from drafts where k = 'unknown';
select is((select x.status from drafts d join public.ai_drafts x on x.id = d.d where d.k = 'unknown'), 'approved', 'unknown: still approved');
update public.touch_runs set status = 'sent', sent_at = :'now' where id = (select t from drafts where k = 'unknown');
select is((select x.status from drafts d join public.ai_drafts x on x.id = d.d where d.k = 'unknown'), 'sent', 'unknown → sent: sent');

-- TEST: an ordinary touch sent changes no draft; delivered after sent keeps it sent.
select tests.sent_touch(:'a', :'l4', 'sms', 'SM-PLAIN-1', :'now'::timestamptz + interval '1 minute');
select is((select x.status from drafts d join public.ai_drafts x on x.id = d.d where d.k = 'waiting'), 'approved',
  'another touch of the lead sent: its draft stays approved');
update public.touch_runs set status = 'delivered' where id = (select t from drafts where k = 'sent');
select is((select x.status from drafts d join public.ai_drafts x on x.id = d.d where d.k = 'sent'), 'sent', 'delivered: still sent');

select * from finish();
rollback;
