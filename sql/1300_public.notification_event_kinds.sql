-- The notification event kinds (issue 18, seed 003 §13), in the order the settings page
-- shows them. The one list: TypeScript reads it from here.
create or replace function public.notification_event_kinds()
returns table (kind text, label text, description text, sort_order integer)
language sql
immutable
as $$
  values ('positive_reply', 'Positive reply', 'A reply is tagged Interested or Follow Up.', 1),
         ('meeting_requested', 'Meeting requested', 'A reply is tagged Meeting Requested.', 2),
         ('booked', 'Meeting booked', 'A meeting is booked (auto-booking, a setter or the booking link).', 3),
         ('draft_needs_review', 'Draft needs review', 'An AI draft answer waits for a person.', 4),
         ('integration_failing', 'Integration failing', 'A provider refuses the account''s credentials or configuration (at most once a day each).', 5),
         ('sender_paused', 'Sender paused', 'An email sender was paused: too many of its last 200 sends bounced or drew complaints.', 6),
         ('sender_opt_outs', 'Opt-out alarm', 'Too many of a number''s last 200 texts drew a STOP (at most once a day each).', 7)
$$;

comment on function public.notification_event_kinds() is
  'The notification event kinds in display order: kind (positive_reply, meeting_requested, booked, draft_needs_review, integration_failing, sender_paused, sender_opt_outs), label, description, sort_order.';

grant execute on function public.notification_event_kinds() to revenue_api, revenue_worker, revenue_analyst;
