-- migrate:up

-- Strict templates (issue 13): {{persona_name}} is a published template variable, so
-- the account needs a place to say what its assistant is called.
alter table public.org_settings add column persona_name text
  constraint org_settings_persona_name_check check (length(btrim(persona_name)) between 1 and 100);
comment on column public.org_settings.persona_name is
  'The name the assistant uses when it writes or calls on the account''s behalf (template variable {{persona_name}}); null until set.';

-- migrate:down
alter table public.org_settings drop column if exists persona_name;
