-- system_health counts only the caller's account's jobs: another account's queue
-- never shows, and without an account every count is 0.
begin;
select plan(5);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_lead(:'a', '+13055550101') as la \gset
select tests.create_lead(:'b', '+13055550102') as lb \gset
-- Touches wake their account's batched dispatch: one dispatch_touches job per account and
-- second (job key dispatch_touches:<account id>:<second>). Bravo's two touches due at the
-- same moment share one; a job queued for one touch alone (dispatch_touch:<touch id>) counts too.
select tests.create_touch(:'a', :'la', null, 1, 'sms', 1, now());
select tests.create_touch(:'b', :'lb', null, 1, 'sms', 1, now());
select tests.create_touch(:'b', :'lb', null, 2, 'sms', 1, now());
select graphile_worker.add_job('dispatch_touch', json_build_object('touch_run_id', id), job_key => 'dispatch_touch:' || id)
from public.touch_runs where account_id = :'b' and attempt = 1 and step = 1;
select graphile_worker.add_job('touch_orchestrator', '{}', job_key => 'touch_orchestrator');

-- TEST: each account sees its own jobs only.
select tests.act_as('revenue_api', :'a');
select is(public.system_health() -> 'jobs' ->> 'pending', '1', 'Alpha sees its one pending job');
select is(public.system_health() -> 'by_task', '[{"task": "dispatch_touches", "pending": 1, "running": 0, "failed": 0}]'::jsonb,
  'per task, only Alpha''s dispatch job; the shared crontab job is not counted');
reset role;
select tests.act_as('revenue_analyst', :'b');
select is(public.system_health() -> 'jobs' ->> 'pending', '2', 'Bravo''s analyst sees Bravo''s two: the batched job and the single-touch job');
reset role;

-- TEST: no account, no figures.
select tests.act_as('revenue_api', null);
select is(public.system_health() -> 'jobs', '{"pending": 0, "running": 0, "failed": 0, "retrying": 0}'::jsonb, 'no account: all zero');
select is(public.system_health() ->> 'scope', 'account', 'the answer says its scope');
reset role;

select * from finish();
rollback;
