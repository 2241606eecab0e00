-- 010_define.sql: loading survey definitions (organisation, channels, sites, questions,
-- options, surveys, indicators, objectives) from one JSON document, idempotently.
-- Errors are raised with a message key (MESSAGE) and its arguments separated by '|' (DETAIL);
-- the programs turn them into French sentences from their one message catalogue.

CREATE OR REPLACE FUNCTION def_fail(p_key text, VARIADIC p_args text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = p_key, DETAIL = array_to_string(p_args, '|');
END $$;

-- A required text field of an entry: fails with def.missing naming the entry path.
CREATE OR REPLACE FUNCTION def_text(p_obj jsonb, p_field text, p_path text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE v text;
BEGIN
    IF jsonb_typeof(p_obj) IS DISTINCT FROM 'object' THEN
        PERFORM def_fail('def.not_object', p_path);
    END IF;
    v := btrim(p_obj ->> p_field);
    IF v IS NULL OR v = '' THEN
        PERFORM def_fail('def.missing', p_path, p_field);
    END IF;
    RETURN v;
END $$;

-- A code (organisation, channel, site, question, answer, survey, indicator): letters without
-- accents, digits, '-' and '_', since codes become file names (report bundles, templates) and
-- command-line arguments. Fails with def.bad_code.
CREATE OR REPLACE FUNCTION def_code(p_obj jsonb, p_field text, p_path text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE v text := def_text(p_obj, p_field, p_path);
BEGIN
    IF v !~ '^[A-Za-z0-9_-]+$' OR length(v) > 64 THEN
        PERFORM def_fail('def.bad_code', p_path, v);
    END IF;
    RETURN v;
END $$;

CREATE OR REPLACE FUNCTION def_list(p_doc jsonb, p_field text) RETURNS SETOF jsonb
LANGUAGE plpgsql AS $$
BEGIN
    IF p_doc -> p_field IS NULL OR jsonb_typeof(p_doc -> p_field) = 'null' THEN
        RETURN;
    END IF;
    IF jsonb_typeof(p_doc -> p_field) <> 'array' THEN
        PERFORM def_fail('def.not_list', p_field);
    END IF;
    RETURN QUERY SELECT e FROM jsonb_array_elements(p_doc -> p_field) e;
END $$;

CREATE OR REPLACE FUNCTION def_date(p_obj jsonb, p_field text, p_path text) RETURNS date
LANGUAGE plpgsql AS $$
DECLARE v text := def_text(p_obj, p_field, p_path);
BEGIN
    IF v !~ '^\d{4}-\d{2}-\d{2}$' THEN
        PERFORM def_fail('def.bad_date', p_path, p_field, v);
    END IF;
    RETURN v::date;
EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
    PERFORM def_fail('def.bad_date', p_path, p_field, v);
END $$;

CREATE OR REPLACE FUNCTION def_bool(p_obj jsonb, p_field text, p_default boolean, p_path text)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF p_obj -> p_field IS NULL OR jsonb_typeof(p_obj -> p_field) = 'null' THEN
        RETURN p_default;
    END IF;
    IF jsonb_typeof(p_obj -> p_field) <> 'boolean' THEN
        PERFORM def_fail('def.bad_bool', p_path, p_field, p_obj ->> p_field);
    END IF;
    RETURN (p_obj -> p_field)::boolean;
END $$;

-- Loads or updates everything the document defines; returns the organisation's id.
-- Nothing is deleted: an entry absent from the file stays, since answers may refer to it.
CREATE OR REPLACE FUNCTION define_load(p_doc jsonb) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v_org integer;
    e jsonb; o jsonb; q jsonb; y text;
    i integer; j integer;
    v_path text; v_code text; v_id integer; v_qtype text; v_kind text;
    v_start date; v_end date; v_target numeric;
BEGIN
    IF jsonb_typeof(p_doc) IS DISTINCT FROM 'object' THEN
        PERFORM def_fail('def.not_object', '/');
    END IF;

    -- Organisation; left out: the database's only one (a draft from survey-admin draft).
    IF p_doc -> 'organisation' IS NULL AND (SELECT count(*) FROM org) = 1 THEN
        SELECT org_id INTO v_org FROM org;
    ELSIF p_doc -> 'organisation' IS NULL THEN
        PERFORM def_fail('def.no_org', 'organisation');
    ELSE
        v_code := def_code(p_doc -> 'organisation', 'code', 'organisation');
        INSERT INTO org (code, name)
        VALUES (v_code, def_text(p_doc -> 'organisation', 'name', 'organisation'))
        ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name
        RETURNING org_id INTO v_org;
    END IF;
    INSERT INTO install_secret (org_id, salt) VALUES (v_org, gen_random_uuid()::text)
    ON CONFLICT DO NOTHING;

    -- Channels.
    i := 0;
    FOR e IN SELECT * FROM def_list(p_doc, 'channels') LOOP
        i := i + 1;
        v_path := format('channels[%s]', i);
        INSERT INTO channel (org_id, code, label)
        VALUES (v_org, def_code(e, 'code', v_path), def_text(e, 'label', v_path))
        ON CONFLICT (org_id, code) DO UPDATE SET label = EXCLUDED.label;
    END LOOP;

    -- Sites.
    i := 0;
    FOR e IN SELECT * FROM def_list(p_doc, 'sites') LOOP
        i := i + 1;
        v_path := format('sites[%s]', i);
        INSERT INTO site (org_id, code, name)
        VALUES (v_org, def_code(e, 'code', v_path), def_text(e, 'name', v_path))
        ON CONFLICT (org_id, code) DO UPDATE SET name = EXCLUDED.name;
    END LOOP;

    -- Questions and their options.
    i := 0;
    FOR e IN SELECT * FROM def_list(p_doc, 'questions') LOOP
        i := i + 1;
        v_code := def_code(e, 'code', format('questions[%s]', i));
        v_path := format('questions[%s] (%s)', i, v_code);
        v_qtype := def_text(e, 'type', v_path);
        IF v_qtype NOT IN ('scale4', 'choice', 'yesno', 'multi', 'text') THEN
            PERFORM def_fail('def.bad_qtype', v_path, v_qtype);
        END IF;
        INSERT INTO question (org_id, code, qtype, wording)
        VALUES (v_org, v_code, v_qtype, def_text(e, 'wording', v_path))
        ON CONFLICT (org_id, code) DO UPDATE SET qtype = EXCLUDED.qtype, wording = EXCLUDED.wording
        RETURNING question_id INTO v_id;
        IF v_qtype <> 'text' AND jsonb_typeof(e -> 'options') IS DISTINCT FROM 'array' THEN
            PERFORM def_fail('def.no_options', v_path);
        END IF;
        j := 0;
        FOR o IN SELECT x FROM jsonb_array_elements(COALESCE(e -> 'options', '[]')) x LOOP
            j := j + 1;
            INSERT INTO option (org_id, question_id, code, label, position, positive, counted)
            VALUES (v_org, v_id,
                    def_code(o, 'code', format('%s.options[%s]', v_path, j)),
                    def_text(o, 'label', format('%s.options[%s]', v_path, j)),
                    j,
                    def_bool(o, 'positive', false, format('%s.options[%s]', v_path, j)),
                    def_bool(o, 'counted', true, format('%s.options[%s]', v_path, j)))
            ON CONFLICT (org_id, question_id, code) DO UPDATE
                SET label = EXCLUDED.label, position = EXCLUDED.position,
                    positive = EXCLUDED.positive, counted = EXCLUDED.counted;
        END LOOP;
        IF (SELECT count(DISTINCT x ->> 'code') <> count(*)
              FROM jsonb_array_elements(COALESCE(e -> 'options', '[]')) x) THEN
            PERFORM def_fail('def.duplicate_option', v_path);
        END IF;
    END LOOP;

    -- Surveys (mirror_of is resolved in a second pass, once every survey exists).
    i := 0;
    FOR e IN SELECT * FROM def_list(p_doc, 'surveys') LOOP
        i := i + 1;
        v_code := def_code(e, 'code', format('surveys[%s]', i));
        v_path := format('surveys[%s] (%s)', i, v_code);
        v_kind := def_text(e, 'kind', v_path);
        IF v_kind NOT IN ('flash', 'large', 'mirror') THEN
            PERFORM def_fail('def.bad_kind', v_path, v_kind);
        END IF;
        v_start := def_date(e, 'start', v_path);
        v_end := def_date(e, 'end', v_path);
        IF v_start > v_end THEN
            PERFORM def_fail('def.bad_period', v_path, v_start::text, v_end::text);
        END IF;
        INSERT INTO survey (org_id, code, kind, title, period_start, period_end)
        VALUES (v_org, v_code, v_kind, def_text(e, 'title', v_path), v_start, v_end)
        ON CONFLICT (org_id, code) DO UPDATE
            SET kind = EXCLUDED.kind, title = EXCLUDED.title,
                period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end
        RETURNING survey_id INTO v_id;
        IF jsonb_typeof(e -> 'questions') IS DISTINCT FROM 'array' THEN
            PERFORM def_fail('def.missing', v_path, 'questions');
        END IF;
        DELETE FROM survey_question WHERE org_id = v_org AND survey_id = v_id;
        j := 0;
        FOR q IN SELECT x FROM jsonb_array_elements(e -> 'questions') x LOOP
            j := j + 1;
            IF NOT EXISTS (SELECT 1 FROM question WHERE org_id = v_org AND code = q #>> '{}') THEN
                PERFORM def_fail('def.unknown_question', v_path, q #>> '{}');
            END IF;
            INSERT INTO survey_question (org_id, survey_id, question_id, position)
            SELECT v_org, v_id, question_id, j FROM question WHERE org_id = v_org AND code = q #>> '{}'
            ON CONFLICT DO NOTHING;
        END LOOP;
    END LOOP;
    i := 0;
    FOR e IN SELECT * FROM def_list(p_doc, 'surveys') LOOP
        i := i + 1;
        v_path := format('surveys[%s] (%s)', i, e ->> 'code');
        IF e ->> 'mirror_of' IS NOT NULL THEN
            IF NOT EXISTS (SELECT 1 FROM survey WHERE org_id = v_org AND code = e ->> 'mirror_of') THEN
                PERFORM def_fail('def.unknown_survey', v_path, e ->> 'mirror_of');
            END IF;
            UPDATE survey s SET mirror_of = m.survey_id
              FROM survey m
             WHERE s.org_id = v_org AND s.code = e ->> 'code'
               AND m.org_id = v_org AND m.code = e ->> 'mirror_of';
        ELSIF e ->> 'kind' = 'mirror' THEN
            PERFORM def_fail('def.missing', v_path, 'mirror_of');
        END IF;
    END LOOP;

    -- Indicators and their yearly objectives.
    i := 0;
    FOR e IN SELECT * FROM def_list(p_doc, 'indicators') LOOP
        i := i + 1;
        v_code := def_code(e, 'code', format('indicators[%s]', i));
        v_path := format('indicators[%s] (%s)', i, v_code);
        IF NOT EXISTS (SELECT 1 FROM question WHERE org_id = v_org AND code = def_text(e, 'question', v_path)) THEN
            PERFORM def_fail('def.unknown_question', v_path, e ->> 'question');
        END IF;
        IF e ->> 'channel' IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM channel WHERE org_id = v_org AND code = e ->> 'channel') THEN
            PERFORM def_fail('def.unknown_channel', v_path, e ->> 'channel');
        END IF;
        INSERT INTO indicator (org_id, code, label, question_id, channel_id, position)
        VALUES (v_org, v_code, def_text(e, 'label', v_path),
                (SELECT question_id FROM question WHERE org_id = v_org AND code = e ->> 'question'),
                (SELECT channel_id FROM channel WHERE org_id = v_org AND code = e ->> 'channel'),
                i)
        ON CONFLICT (org_id, code) DO UPDATE
            SET label = EXCLUDED.label, question_id = EXCLUDED.question_id,
                channel_id = EXCLUDED.channel_id, position = EXCLUDED.position
        RETURNING indicator_id INTO v_id;
        IF e -> 'objectives' IS NOT NULL AND jsonb_typeof(e -> 'objectives') <> 'object' THEN
            PERFORM def_fail('def.bad_objectives', v_path);
        END IF;
        FOR y, o IN SELECT key, value FROM jsonb_each(COALESCE(e -> 'objectives', '{}')) LOOP
            IF y !~ '^\d{4}$' THEN
                PERFORM def_fail('def.bad_year', v_path, y);
            END IF;
            IF jsonb_typeof(o) <> 'number' OR o::numeric < 0 OR o::numeric > 100 THEN
                PERFORM def_fail('def.bad_target', v_path, y, o #>> '{}');
            END IF;
            v_target := o::numeric;
            INSERT INTO objective (org_id, indicator_id, year, target)
            VALUES (v_org, v_id, y::integer, v_target)
            ON CONFLICT (org_id, indicator_id, year) DO UPDATE SET target = EXCLUDED.target;
        END LOOP;
    END LOOP;
    RETURN v_org;
END $$;
