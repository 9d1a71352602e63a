-- A reply with both positive and negative words is negative.
begin;
select plan(3);

-- TEST: negative wins.
select is(brain.classify_reply('Yes I got your message but I am not interested'), 'negative',
  'yes … not interested: negative');
select is(brain.classify_reply('Sí, pero ya lo vendí, gracias'), 'negative', 'sí … ya lo vendí: negative');
select is(brain.classify_reply('OK, wrong number though'), 'negative', 'ok … wrong number: negative');

select * from finish();
rollback;
