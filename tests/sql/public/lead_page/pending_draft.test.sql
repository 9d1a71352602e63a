-- The lead page carries the lead's pending AI draft (lead.pending_draft), which the
-- page puts into its message form: the newest pending one, with its tag and
-- confidence; null once it is decided, and never another account's.
begin;
select plan(4);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_lead(:'a', '+13055550191') as la \gset
select tests.create_lead(:'a', '+13055550192') as quiet \gset
select tests.create_lead(:'b', '+13055550193') as lb \gset
select tests.pending_ai_draft(:'a', :'la', now(), 'We open at 9. Want to come by?') as d \gset
select tests.pending_ai_draft(:'b', :'lb', now(), 'Bravo''s draft') as db \gset

select tests.act_as('revenue_api', :'a');

-- TEST: the pending draft, as the form needs it.
select results_eq(
  format($$select p -> 'lead' -> 'pending_draft' ->> 'id', p -> 'lead' -> 'pending_draft' ->> 'channel',
                  p -> 'lead' -> 'pending_draft' ->> 'sentiment_tag', p -> 'lead' -> 'pending_draft' ->> 'body',
                  (p -> 'lead' -> 'pending_draft' ->> 'confidence')::real, p -> 'lead' -> 'pending_draft' ->> 'auto_send_reason'
           from public.lead_page(%L) p$$, :'la'),
  format($$values (%L::text, 'sms'::text, 'Interested'::text, 'We open at 9. Want to come by?'::text, 0.9::real, 'AUTO_SEND_DISABLED=1'::text)$$, :'d'),
  'lead.pending_draft: id, channel, tag, text, confidence and why it needs review');

-- TEST: no draft, no key value.
select is((public.lead_page(:'quiet') -> 'lead' ->> 'pending_draft'), null, 'a lead without a pending draft: null');

-- TEST: a decided draft is no longer offered.
select public.reject_ai_draft(:'d', 'tests');
select is((public.lead_page(:'la') -> 'lead' ->> 'pending_draft'), null, 'a rejected draft: null');

-- TEST: another account's draft stays invisible.
select ok(public.lead_page(:'lb') is null and not exists (select 1 from public.ai_drafts where id = :'db'),
  'Bravo''s lead and draft are invisible to Alpha''s API session');

select * from finish();
rollback;
