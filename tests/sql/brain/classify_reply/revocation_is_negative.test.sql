-- A reply that revokes consent is never positive, whatever else it says: the
-- revocation is brain.classify_consent's decision.
begin;
select plan(4);

-- TEST: revocations inside otherwise positive replies are negative.
select is(brain.classify_reply('Don''t call me'), 'negative', $$'Don't call me' is negative, not a "call me"$$);
select is(brain.classify_reply('Yes interested but stop texting me'), 'negative', 'yes … stop texting me: negative');
select is(brain.classify_reply('Sí, pero no me llames'), 'negative', 'sí … no me llames: negative');
select is(brain.classify_reply('No soy Carlos'), 'negative', 'a wrong number is negative');

select * from finish();
rollback;
