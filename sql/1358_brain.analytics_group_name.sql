create or replace function brain.analytics_group_name(p_source text, p_campaign_name text, p_sequence_name text)
returns text
language sql
immutable
as $$
  select case p_source
           when 'all' then 'All leads'
           when 'campaign' then coalesce(p_campaign_name, 'Deleted campaign')
           when 'sequence' then coalesce(p_sequence_name, 'Deleted sequence')
           when 'reactivation' then 'Reactivation'
           when 'ai_reply' then 'AI replies'
           when 'manual' then 'Manual messages'
         end
$$;

comment on function brain.analytics_group_name(text, text, text) is
  'The name the analytics show for a group: the campaign''s or sequence''s name, else All leads, Reactivation, AI replies or Manual messages by source.';
