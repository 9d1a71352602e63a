-- The funnel on a hand-built account in Chicago (tests.analytics_fixture): every number of
-- every group in the 30-day window, the 7-day window, custom ranges and their boundaries.
begin;
select plan(12);

select tests.analytics_fixture() as f \gset
select (:'f'::jsonb ->> 'account_id') as a \gset
select brain.refresh_analytics();

create function pg_temp.funnel(p_account uuid, p_from date, p_to date)
returns table (group_kind text, group_name text, contacted int, replied int, positive int, meeting int, booked int)
language sql as $$
  select v.group_kind, v.group_name, sum(v.contacted)::int, sum(v.replied)::int, sum(v.positive)::int,
         sum(v.meeting)::int, sum(v.booked)::int
  from public.v_funnel_daily_v1 v
  where v.account_id = p_account and v.day between p_from and p_to
  group by 1, 2
$$;

-- TEST: 30 days (Nov 11 - Dec 10). Spring push: Ana (booked), Bob, Cy (a negative reply),
-- Flo, Lia (only an auto-reply), Kim; not Ed (Nov 10, 23:30 local) nor Gus (September).
select results_eq(
  format($$select * from pg_temp.funnel(%L, '2026-11-11', '2026-12-10') where group_kind = 'campaign' and group_name = 'Spring push'$$, :'a'),
  $$values ('campaign', 'Spring push', 6, 2, 1, 1, 1)$$,
  '30d Spring push: 6 contacted, 2 replied, 1 positive, 1 meeting, 1 booked');
-- Trucks: Di got as far as a meeting (Meeting Requested, then a cancelled appointment);
-- Ivy booked from the link without a word: she counts in every stage up to booked.
select results_eq(
  format($$select * from pg_temp.funnel(%L, '2026-11-11', '2026-12-10') where group_name = 'Trucks'$$, :'a'),
  $$values ('campaign', 'Trucks', 2, 2, 2, 2, 1)$$,
  '30d Trucks: 2, 2, 2, 2, 1');
select results_eq(
  format($$select * from pg_temp.funnel(%L, '2026-11-11', '2026-12-10') where group_kind = 'sequence'$$, :'a'),
  $$values ('sequence', 'Meeting follow-up', 1, 1, 1, 1, 0)$$,
  '30d the meeting-requested sequence: Di, as far as a meeting');
-- Reactivation: Gus (round 1: Interested, booked), Hal round 1 (nothing before round 2),
-- Hal round 2 (Follow Up).
select results_eq(
  format($$select * from pg_temp.funnel(%L, '2026-11-11', '2026-12-10') where group_kind = 'reactivation'$$, :'a'),
  $$values ('reactivation', 'Reactivation', 3, 2, 2, 1, 1)$$,
  '30d reactivation rounds: 3 reactivated, 2 replied, 2 positive, 1 meeting, 1 booked');
select results_eq(
  format($$select * from pg_temp.funnel(%L, '2026-11-11', '2026-12-10') where group_kind = 'ai_reply'$$, :'a'),
  $$values ('ai_reply', 'AI replies', 1, 1, 1, 1, 1)$$,
  '30d AI replies: Ana''s, answered with Meeting Requested, then booked');
-- All leads, by their first touch of all: Ana, Bob, Cy, Di, Flo, Lia, Hal, Ivy, Kim.
select results_eq(
  format($$select * from pg_temp.funnel(%L, '2026-11-11', '2026-12-10') where group_kind = 'all'$$, :'a'),
  $$values ('all', 'All leads', 9, 5, 4, 3, 2)$$,
  '30d all leads: 9 contacted, 5 replied, 4 positive, 3 meeting, 2 booked');

-- TEST: the window sums days: the per-day rows add up to the same numbers.
select results_eq(
  format($$select day, contacted from public.v_funnel_daily_v1
           where account_id = %L and group_name = 'Spring push' and day between '2026-11-11' and '2026-12-10' order by day$$, :'a'),
  $$values ('2026-11-11'::date, 1), ('2026-12-05'::date, 2), ('2026-12-06'::date, 1), ('2026-12-08'::date, 1), ('2026-12-09'::date, 1)$$,
  'Spring push per local day: Lia on Nov 11 (00:10), Ana and Bob on Dec 5, Kim Dec 6, Cy Dec 8, Flo Dec 9 (23:30)');

-- TEST: 7 days (Dec 4 - Dec 10).
select results_eq(
  format($$select * from pg_temp.funnel(%L, '2026-12-04', '2026-12-10') where group_kind in ('all', 'campaign') order by 1, 2$$, :'a'),
  $$values ('all', 'All leads', 6, 3, 2, 2, 2), ('campaign', 'Spring push', 5, 2, 1, 1, 1), ('campaign', 'Trucks', 1, 1, 1, 1, 1)$$,
  '7d: all leads 6 (Ana, Bob, Cy, Flo, Ivy, Kim), Spring push 5, Trucks 1 (Ivy)');

-- TEST: custom ranges include their end date, in local time.
select results_eq(
  format($$select contacted from pg_temp.funnel(%L, '2026-11-11', '2026-12-09') where group_name = 'Spring push'$$, :'a'),
  $$values (6)$$, 'custom Nov 11 - Dec 9 includes Flo, sent at 23:30 on Dec 9 in Chicago (05:30 UTC Dec 10)');
select is_empty(
  format($$select * from pg_temp.funnel(%L, '2026-12-10', '2026-12-10') where group_name = 'Spring push'$$, :'a'),
  'custom Dec 10 - Dec 10: Flo''s touch is not a Dec 10 touch');
select results_eq(
  format($$select contacted from pg_temp.funnel(%L, '2026-11-10', '2026-11-10') where group_name = 'Spring push'$$, :'a'),
  $$values (1)$$, 'custom Nov 10 - Nov 10: Ed, at 23:30 local (05:30 UTC on Nov 11)');

-- TEST: the page asks the same view: its funnel is the view's all-leads row.
select results_eq(
  format($$select (s ->> 'stage'), (s ->> 'leads')::int
           from json_array_elements(public.analytics_page(%L, '30d', null, null, '2026-12-10 18:00+00') -> 'tables' -> 'funnel') s$$, :'a'),
  $$values ('contacted', 9), ('replied', 5), ('positive', 4), ('meeting', 3), ('booked', 2)$$,
  'the Analytics page''s funnel for 30d');

select * from finish();
rollback;
