-- Every carrier opt-out keyword on its own is opt_out.
begin;
select plan(8);

-- TEST: STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, OPTOUT, REVOKE are opt_out.
select is(brain.classify_keyword('STOP'), 'opt_out', 'STOP is opt_out');
select is(brain.classify_keyword('STOPALL'), 'opt_out', 'STOPALL is opt_out');
select is(brain.classify_keyword('UNSUBSCRIBE'), 'opt_out', 'UNSUBSCRIBE is opt_out');
select is(brain.classify_keyword('CANCEL'), 'opt_out', 'CANCEL is opt_out');
select is(brain.classify_keyword('END'), 'opt_out', 'END is opt_out');
select is(brain.classify_keyword('QUIT'), 'opt_out', 'QUIT is opt_out');
select is(brain.classify_keyword('OPTOUT'), 'opt_out', 'OPTOUT is opt_out');
select is(brain.classify_keyword('REVOKE'), 'opt_out', 'REVOKE is opt_out');

select * from finish();
rollback;
