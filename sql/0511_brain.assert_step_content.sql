-- Strict templates (issue 13): the one check a campaign step's content must pass,
-- shared by the campaign_steps constraint trigger and campaign activation.
create or replace function brain.assert_step_content(
  p_campaign_key text,
  p_step integer,
  p_channel text,
  p_body text,
  p_subject text,
  p_campaign_active boolean
)
returns void
language plpgsql
stable
set search_path = ''
as $$
declare
  v_bad record;
  v_known text;
begin
  select f.field, p.token, p.variable, p.problem into v_bad
  from (values (1, 'body', p_body), (2, 'subject', p_subject)) as f (ord, field, text)
  cross join lateral brain.template_placeholders(f.text) p
  where p.problem is not null
  order by f.ord, p.pos nulls last
  limit 1;
  if found then
    select pg_catalog.string_agg(v.name, ', ') into v_known from public.template_variables() v;
    if v_bad.problem = 'unknown_template_variable' then
      raise exception using
        errcode = '22023',
        message = 'unknown_template_variable',
        detail = pg_catalog.format('step %s %s names {{%s}}, which is not a template variable', p_step, v_bad.field, v_bad.variable),
        hint = pg_catalog.format('known variables: %s; a default is written {{first_name|there}}', v_known);
    end if;
    raise exception using
      errcode = '22023',
      message = 'invalid_template_placeholder',
      detail = pg_catalog.format('step %s %s has %s, which is not a placeholder', p_step, v_bad.field, v_bad.token),
      hint = pg_catalog.format('write {{variable}} or {{variable|default}}; known variables: %s', v_known);
  end if;

  if not coalesce(p_campaign_active, false) then
    return;
  end if;
  -- Nothing is made up at send time: every step of a running campaign says what it
  -- sends, including a call's opening (the script the assistant is briefed with).
  if pg_catalog.btrim(coalesce(p_body, '')) = '' then
    raise exception using
      errcode = 'P0001',
      message = 'step_body_required',
      detail = pg_catalog.format('step %s (%s) of campaign %s has no %s: write it before the campaign is switched on',
                                 p_step, p_channel, p_campaign_key,
                                 case when p_channel = 'voice' then 'call script' else 'message body' end);
  end if;
  if p_channel = 'email' and pg_catalog.btrim(coalesce(p_subject, '')) = '' then
    raise exception using
      errcode = 'P0001',
      message = 'step_subject_required',
      detail = pg_catalog.format('step %s (email) of campaign %s has no subject: write it before the campaign is switched on',
                                 p_step, p_campaign_key);
  end if;
end
$$;

comment on function brain.assert_step_content(text, integer, text, text, text, boolean) is
  'Raises unless a campaign step''s content is sendable. Always: 22023 unknown_template_variable (detail names the step, the field and {{variable}}; hint lists public.template_variables()) or invalid_template_placeholder. When the campaign is active: P0001 step_body_required (a step on any channel without a body; for voice the body is the call script the assistant opens with) or step_subject_required (an email step without a subject).';
