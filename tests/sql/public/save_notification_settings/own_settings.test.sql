-- Every member edits their own notification settings; bad input is refused with a
-- reason; a cell equal to the default is stored as no choice.
begin;
select plan(10);

select tests.create_account() as a \gset
select tests.notification_member(:'a', 'setter') as s \gset
select tests.create_account() as b \gset
select tests.notification_member(:'b', 'owner') as stranger \gset

select tests.act_as('revenue_api', :'a');
select public.save_notification_settings(:'s',
  '[{"kind":"positive_reply","channel":"slack","delivery":"realtime"},{"kind":"positive_reply","channel":"in_app","delivery":"realtime"},{"kind":"booked","channel":"email","delivery":"off"}]',
  '07:45', 'Asia/Kolkata', 'u0abc1234') as page \gset

-- TEST: saved, and the default-equal cell is not stored.
select results_eq(format($$select event_kind, channel, delivery from public.notification_preferences where user_id = %L order by 1, 2$$, :'s'),
  $$values ('booked'::text, 'email'::text, 'off'::text), ('positive_reply', 'slack', 'realtime')$$,
  'only the choices that differ from the default are stored');
select results_eq(format($$select g ->> 'delivery', (g ->> 'is_default')::boolean from jsonb_array_elements(%L::jsonb -> 'grid') g where g ->> 'kind' = 'positive_reply' and g ->> 'channel' = 'slack'$$, :'page'),
  $$values ('realtime'::text, false)$$, 'the page shows it');
select results_eq(format($$select %L::jsonb ->> 'digest_time', %L::jsonb ->> 'time_zone', %L::jsonb ->> 'slack_member_id'$$, :'page', :'page', :'page'),
  $$values ('07:45'::text, 'Asia/Kolkata'::text, 'U0ABC1234'::text)$$, 'digest time, zone and the Slack id (upper-cased)');

-- TEST: back to the default removes the choice.
select public.save_notification_settings(:'s', '[{"kind":"booked","channel":"email","delivery":"daily_digest"}]', '07:45', '', null);
select is((select count(*)::int from public.notification_preferences where user_id = :'s' and event_kind = 'booked'), 0, 'a default choice is no row');
select is((select time_zone::text from public.notification_user_settings where user_id = :'s'), null, 'an empty zone means the account''s');

-- TEST: refusals.
select throws_ok(format($$select public.save_notification_settings(%L, '[{"kind":"booked","channel":"in_app","delivery":"daily_digest"}]', '09:00')$$, :'s'),
  '22023', 'invalid_notification_preference', 'in_app has no digest');
select throws_ok(format($$select public.save_notification_settings(%L, '[]', '25:00')$$, :'s'), '22023', 'invalid_digest_time', 'a bad time');
select throws_ok(format($$select public.save_notification_settings(%L, '[]', '09:00', 'Mars/Olympus')$$, :'s'), '22023', 'invalid_time_zone', 'a bad zone');
select throws_ok(format($$select public.save_notification_settings(%L, '[]', '09:00', null, 'not-an-id')$$, :'s'), '22023', 'invalid_slack_member_id', 'a bad Slack id');
select throws_ok(format($$select public.save_notification_settings(%L, '[]', '09:00')$$, :'stranger'), '42501', 'not_a_member',
  'nobody edits settings in an account they are not a member of');

select * from finish();
rollback;
