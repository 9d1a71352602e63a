-- Booking (issue 18, seed 003 §12): which of the slots offered to a lead a reply accepts
-- ("Tuesday at 10 works", "the first one", "10am is good", "el martes a las 10").
-- Rules only, in English and Spanish: the reply's weekdays (or today / tomorrow), clock
-- times and ordinals are compared with the lead's open offered slots in the zone they
-- were stated in. One slot left, with acceptance words or named by two facts (day and
-- time) or by its place in the list: confidence 0.9 or more. Several, none, or a
-- negation: no match, and the reason.
create or replace function brain.match_offered_slot(p_lead_id uuid, p_text text, p_now timestamptz default now())
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  v_text text;
  v_days integer[] := '{}';
  v_dates date[] := '{}';
  v_times integer[] := '{}';   -- hour * 100 + minute (minute 99: any), meridiem folded in below
  v_meridiem text[] := '{}';
  v_ordinals integer[] := '{}';
  v_accepts boolean;
  v_negated boolean;
  v_pm_words boolean;
  v_am_words boolean;
  v_offers integer;
  v_max_position integer;
  v_tz text;
  v_m text[];
  v_hits jsonb;
  v_n integer;
  v_spec integer;
  v_conf numeric;
  v_hit jsonb;
begin
  select pg_catalog.count(*), max(s.offer_order), min(s.time_zone::text) into v_offers, v_max_position, v_tz
  from public.offered_slots s
  where s.lead_id = p_lead_id and s.status in ('open', 'accepted') and s.slot_start > p_now;
  if v_offers = 0 then
    return pg_catalog.jsonb_build_object('matched', false, 'reason', 'no_open_offer', 'mentions_time', false, 'accepts', false);
  end if;

  v_text := ' ' || pg_catalog.translate(pg_catalog.lower(coalesce(p_text, '')), 'áéíóúüñ’', 'aeiouun''') || ' ';
  v_text := pg_catalog.regexp_replace(v_text, '\m([ap])\.\s?m\.?', '\1m', 'g');
  v_text := pg_catalog.left(v_text, 2000);

  v_negated := v_text ~ '\m(not|cant|can''t|cannot|don''t|dont|doesn''t|doesnt|won''t|wont|neither|none|busy|no puedo|no me (sirve|queda|funciona|va)|ninguno|ninguna|ocupad[oa])\M';
  v_accepts := v_text ~ '\m(works?|good|great|perfect|ok|okay|sure|yes|yep|yeah|fine|sounds|book|let''?s|confirm(ed)?|take|see you|si|vale|dale|bien|sirve|queda|funciona|perfect[oa]|genial|excelente|acuerdo|listo|me va|nos vemos|reserva)\M';
  v_pm_words := v_text ~ '\m(de la tarde|de la noche|en la tarde|por la tarde|afternoon|evening|tonight)\M';
  v_am_words := v_text ~ '\m((de|en|por) la manana|morning)\M';

  -- Days.
  v_days := array(select distinct d from (
    select case
      when w[1] in ('mon', 'monday', 'lunes') then 1
      when w[1] in ('tue', 'tues', 'tuesday', 'martes') then 2
      when w[1] in ('wed', 'weds', 'wednesday', 'miercoles') then 3
      when w[1] in ('thu', 'thur', 'thurs', 'thursday', 'jueves') then 4
      when w[1] in ('fri', 'friday', 'viernes') then 5
      when w[1] in ('sat', 'saturday', 'sabado') then 6
      when w[1] in ('sun', 'sunday', 'domingo') then 7
    end as d
    from pg_catalog.regexp_matches(v_text,
      '\m(mon|monday|lunes|tue|tues|tuesday|martes|wed|weds|wednesday|miercoles|thu|thur|thurs|thursday|jueves|fri|friday|viernes|sat|saturday|sabado|sun|sunday|domingo)\M', 'g') w
  ) x where d is not null);
  if v_text ~ '\m(today|hoy)\M' then
    v_dates := v_dates || (p_now at time zone v_tz)::date;
  end if;
  if v_text ~ '\m(tomorrow|tmrw|tmr)\M' or pg_catalog.regexp_replace(v_text, '\m(de|en|por) la manana\M', '', 'g') ~ '\mmanana\M' then
    v_dates := v_dates || ((p_now at time zone v_tz)::date + 1);
  end if;

  -- Clock times: 10:30, 10am, 3 pm, "at 10", "a las 10", noon; then a bare hour.
  for v_m in select r from pg_catalog.regexp_matches(v_text, '(\d{1,2}):(\d{2})\s*(am|pm|hrs|h)?', 'g') r loop
    v_times := v_times || (v_m[1]::integer * 100 + v_m[2]::integer);
    v_meridiem := v_meridiem || coalesce(nullif(v_m[3], 'hrs'), '');
  end loop;
  for v_m in select r from pg_catalog.regexp_matches(v_text, '\m(\d{1,2})\s*(am|pm)\M', 'g') r loop
    v_times := v_times || (v_m[1]::integer * 100 + 99);
    v_meridiem := v_meridiem || v_m[2];
  end loop;
  for v_m in select r from pg_catalog.regexp_matches(v_text, '\m(at|@|a las|a la|las|around|alrededor de las)\s+(\d{1,2})(?![\d:])(?!\s*(am|pm))', 'g') r loop
    v_times := v_times || (v_m[2]::integer * 100 + 99);
    v_meridiem := v_meridiem || ''::text;
  end loop;
  if v_text ~ '\m(noon|mediodia)\M' then
    v_times := v_times || 1200;
    v_meridiem := v_meridiem || 'pm'::text;
  end if;
  if pg_catalog.cardinality(v_times) = 0 then
    for v_m in select r from pg_catalog.regexp_matches(v_text, '(?:^|[\s,(])(\d{1,2})(?=[\s,.!?)]|$)', 'g') r loop
      v_times := v_times || (v_m[1]::integer * 100 + 99);
      v_meridiem := v_meridiem || ''::text;
    end loop;
  end if;

  -- Ordinals: the first one, el segundo, the last.
  v_ordinals := array(select distinct o from (
    select case
      when w[1] in ('first', '1st', 'primero', 'primera', 'primer') then 1
      when w[1] in ('second', '2nd', 'segundo', 'segunda') then 2
      when w[1] in ('third', '3rd', 'tercero', 'tercera', 'tercer') then 3
      when w[1] in ('last', 'latter', 'ultimo', 'ultima') then v_max_position
    end as o
    from pg_catalog.regexp_matches(v_text, '\m(first|1st|primero|primera|primer|second|2nd|segundo|segunda|third|3rd|tercero|tercera|tercer|last|latter|ultimo|ultima)\M', 'g') w
  ) x where o is not null);

  if pg_catalog.cardinality(v_days) + pg_catalog.cardinality(v_dates) + pg_catalog.cardinality(v_times) + pg_catalog.cardinality(v_ordinals) = 0 then
    return pg_catalog.jsonb_build_object('matched', false, 'reason', 'no_time_named', 'mentions_time', false,
                                         'accepts', v_accepts and not v_negated, 'offers', v_offers);
  end if;

  select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
           'offered_slot_id', s.id, 'slot_start', s.slot_start, 'slot_end', s.slot_end, 'label', s.label,
           'time_zone', s.time_zone, 'position', s.offer_order) order by s.offer_order)
  into v_hits
  from public.offered_slots s
  cross join lateral (select s.slot_start at time zone s.time_zone::text as local_start) z
  where s.lead_id = p_lead_id and s.status in ('open', 'accepted') and s.slot_start > p_now
    and (pg_catalog.cardinality(v_days) + pg_catalog.cardinality(v_dates) = 0
         or extract(isodow from z.local_start)::integer = any(v_days)
         or z.local_start::date = any(v_dates))
    and (pg_catalog.cardinality(v_ordinals) = 0 or s.offer_order = any(v_ordinals))
    and (pg_catalog.cardinality(v_times) = 0 or exists (
      select 1 from pg_catalog.generate_subscripts(v_times, 1) i
      cross join lateral (select v_times[i] / 100 as h, v_times[i] % 100 as mi,
                                 case when v_meridiem[i] <> '' then v_meridiem[i]
                                      when v_pm_words then 'pm' when v_am_words then 'am' else '' end as mer) t
      where (t.mi = 99 or t.mi = extract(minute from z.local_start)::integer)
        and case
              when t.h > 12 or (t.h = 0) then extract(hour from z.local_start)::integer = t.h % 24
              when t.mer = 'am' then extract(hour from z.local_start)::integer = t.h % 12
              when t.mer = 'pm' then extract(hour from z.local_start)::integer = t.h % 12 + 12
              else extract(hour from z.local_start)::integer in (t.h, t.h % 12 + 12)
            end));
  v_n := coalesce(pg_catalog.jsonb_array_length(v_hits), 0);
  if v_n = 0 then
    return pg_catalog.jsonb_build_object('matched', false, 'reason', 'no_offered_slot_matches', 'mentions_time', true,
                                         'accepts', v_accepts and not v_negated, 'offers', v_offers);
  end if;
  if v_n > 1 then
    return pg_catalog.jsonb_build_object('matched', false, 'reason', 'ambiguous', 'mentions_time', true,
                                         'accepts', v_accepts and not v_negated, 'offers', v_offers, 'candidates', v_n);
  end if;
  v_hit := v_hits -> 0;
  v_spec := (case when pg_catalog.cardinality(v_days) + pg_catalog.cardinality(v_dates) > 0 then 1 else 0 end)
          + (case when pg_catalog.cardinality(v_times) > 0 then 1 else 0 end)
          + (case when pg_catalog.cardinality(v_ordinals) > 0 then 1 else 0 end);
  v_conf := case
    when v_negated then 0.3
    when v_accepts or pg_catalog.cardinality(v_ordinals) > 0 then case when v_spec >= 2 then 0.97 else 0.92 end
    when v_spec >= 2 then 0.9
    else 0.75
  end;
  return v_hit || pg_catalog.jsonb_build_object(
    'matched', true, 'confidence', v_conf, 'mentions_time', true, 'accepts', v_accepts and not v_negated,
    'offers', v_offers,
    'reason', case when v_negated then 'negated' when v_conf >= 0.9 then 'accepted' else 'weak_acceptance' end);
end
$$;

comment on function brain.match_offered_slot(uuid, text, timestamptz) is
  'Matches a reply to the lead''s open (or already accepted) offered slots (seed 003 §12), rules only, English and Spanish: weekdays (Tuesday, tue, martes), today/tomorrow (hoy, mañana), clock times (10, 10am, 3:30 pm, 15:30, at 10, a las 10, de la tarde, noon) and ordinals (the first one, el segundo, the last) in the zone the slots were stated in. Returns {matched, offered_slot_id, slot_start, slot_end, label, time_zone, position, confidence, reason, mentions_time, accepts, offers}: matched when exactly one open future slot fits everything named; confidence 0.97 (acceptance words or an ordinal, and two facts), 0.92 (acceptance or an ordinal, one fact), 0.9 (day and time, no acceptance word), 0.75 (one fact), 0.3 (a negation: "does not work", "no puedo"). Otherwise matched false with reason no_open_offer, no_time_named, no_offered_slot_matches or ambiguous (several fit).';

revoke execute on function brain.match_offered_slot(uuid, text, timestamptz) from public;
grant execute on function brain.match_offered_slot(uuid, text, timestamptz) to revenue_worker;
