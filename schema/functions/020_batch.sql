-- 020_batch.sql: the import-batch protocol on the database side.
-- A collector COPYs validated rows into a temporary table "stage" (see stage_create), then calls
-- batch_merge once, inside the same transaction: the batch is recorded and its rows merged, or,
-- when the same file was already imported, nothing happens and the earlier batch is returned.

-- The staging table of one import: one row per response (R), answer (A), comment (C) or
-- paper tally (T). rownum ties answers and comments to their response.
-- Created by the functions' owner (SECURITY DEFINER) so that batch_merge, which runs as that
-- owner, reads it; the session may only COPY rows into it.
CREATE OR REPLACE FUNCTION stage_create() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    CREATE TEMP TABLE IF NOT EXISTS stage (
        kind         "char" NOT NULL,
        rownum       bigint NOT NULL,
        site_id      integer,
        channel_id   integer,
        journey      text,
        answered_on  date,
        respondent   text,
        source_id    text,
        question_id  integer,
        option_code  text,
        body         text,
        period_start date,
        period_end   date,
        n            integer
    ) ON COMMIT DROP;
    GRANT INSERT ON pg_temp.stage TO PUBLIC;   -- a temporary table: only this session sees it
END $$;

-- Serialises imports of one survey and source (two cumulative exports of the same tool must not
-- race on the same response ids) and of one file (the same file imported at once by two people).
CREATE OR REPLACE FUNCTION batch_lock(p_org integer, p_survey integer, p_key text) RETURNS void
LANGUAGE sql AS $$
    SELECT pg_advisory_xact_lock(hashtextextended(p_org || ':' || p_survey || ':' || p_key, 0));
$$;

-- The live batch that already holds this file, if any.
CREATE OR REPLACE FUNCTION batch_find(p_org integer, p_survey integer, p_sha text)
RETURNS TABLE (batch_id integer, finished_at timestamptz)
LANGUAGE sql STABLE AS $$
    SELECT b.batch_id, b.finished_at FROM batch b
     WHERE b.org_id = p_org AND b.survey_id = p_survey AND b.sha256 = p_sha AND b.undone_at IS NULL;
$$;

CREATE OR REPLACE FUNCTION batch_merge(
    p_org integer, p_survey integer, p_collector text, p_format text, p_file text, p_sha text,
    p_encoding text, p_delimiter text, p_rows_read bigint, p_rows_skipped bigint,
    p_operator text, p_started timestamptz, p_source_system text)
RETURNS TABLE (batch_id integer, already_batch integer, already_at timestamptz,
               responses bigint, responses_already bigint, answers bigint, comments bigint,
               tallies bigint)
-- The only way a collector writes batches, responses, answers, comments and tallies (it holds no
-- INSERT or UPDATE on them, see 090_roles.sql): runs as the functions' owner. pg_temp comes last
-- so that a session's temporary objects cannot stand in for the tables.
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_batch integer;
    v_old record;
    v_hit record;
    v_content text;
    v_resp bigint := 0; v_dup bigint := 0; v_ans bigint := 0; v_com bigint := 0; v_tal bigint := 0;
BEGIN
    PERFORM batch_lock(p_org, p_survey, 'file:' || p_sha);
    PERFORM batch_lock(p_org, p_survey, 'source:' || p_source_system);
    SELECT * INTO v_old FROM batch_find(p_org, p_survey, p_sha);
    IF FOUND THEN
        RETURN QUERY SELECT NULL::integer, v_old.batch_id, v_old.finished_at,
                            0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint;
        RETURN;
    END IF;

    -- Paper tallies have a natural identity (site, period, channel, question, answer): a sheet
    -- with the same rows as a live batch is that batch, whatever its bytes; a sheet sharing
    -- some of them with another batch would count those forms twice and is refused.
    SELECT encode(sha256(convert_to(string_agg(
               concat_ws('|', t.site_id, t.channel_id, t.period_start, t.period_end, t.question_id,
                         t.option_code, t.n), E'\n'
               ORDER BY t.site_id, t.channel_id, t.period_start, t.period_end, t.question_id,
                        t.option_code, t.n), 'UTF8')), 'hex')
      INTO v_content FROM pg_temp.stage t WHERE t.kind = 'T';
    IF v_content IS NOT NULL THEN
        PERFORM batch_lock(p_org, p_survey, 'tally');
        SELECT b.batch_id, b.finished_at INTO v_old FROM batch b
         WHERE b.org_id = p_org AND b.survey_id = p_survey AND b.content_sha = v_content
           AND b.undone_at IS NULL
         ORDER BY b.batch_id LIMIT 1;
        IF FOUND THEN
            RETURN QUERY SELECT NULL::integer, v_old.batch_id, v_old.finished_at,
                                0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint;
            RETURN;
        END IF;
        SELECT s.rownum, t.batch_id INTO v_hit
          FROM stage s JOIN tally t
            ON t.org_id = p_org AND t.survey_id = p_survey AND t.site_id = s.site_id
           AND t.question_id = s.question_id AND t.option_code = s.option_code
           AND t.period_start = s.period_start AND t.period_end = s.period_end
           AND t.channel_id = s.channel_id
         WHERE s.kind = 'T'
         ORDER BY s.rownum, t.batch_id LIMIT 1;
        IF FOUND THEN
            SELECT b.finished_at INTO v_old FROM batch b
             WHERE b.org_id = p_org AND b.batch_id = v_hit.batch_id;
            PERFORM def_fail('batch.tally_overlap', v_hit.rownum::text, v_hit.batch_id::text,
                             to_char(v_old.finished_at, 'YYYY-MM-DD'));
        END IF;
    END IF;

    -- A dry run (rolled back) takes no batch number: batch 0, never a real one.
    INSERT INTO batch (batch_id, org_id, survey_id, collector, format, file_name, sha256, encoding,
                       delimiter, rows_read, rows_skipped, operator, started_at, content_sha)
    VALUES (CASE WHEN current_setting('barometre.dry_run', true) = 'on' THEN 0
                 ELSE nextval(pg_get_serial_sequence('batch', 'batch_id')) END,
            p_org, p_survey, p_collector, p_format, p_file, p_sha, p_encoding, p_delimiter,
            p_rows_read, p_rows_skipped, p_operator, p_started, v_content)
    RETURNING batch.batch_id INTO v_batch;

    ANALYZE stage;

    -- Responses: the first of each source id in the file, when the database does not have it yet.
    CREATE TEMP TABLE stage_new ON COMMIT DROP AS
    SELECT nextval(pg_get_serial_sequence('response', 'response_id')) AS response_id, d.*
      FROM (SELECT DISTINCT ON (s.source_id) s.rownum, s.site_id, s.channel_id, s.journey,
                   s.answered_on, s.respondent, s.source_id
              FROM stage s
             WHERE s.kind = 'R'
               AND NOT EXISTS (SELECT 1 FROM response r
                                WHERE r.org_id = p_org AND r.survey_id = p_survey
                                  AND r.source_system = p_source_system
                                  AND r.source_id = s.source_id)
             ORDER BY s.source_id, s.rownum) d;
    ANALYZE stage_new;

    INSERT INTO response (org_id, response_id, survey_id, batch_id, site_id, channel_id, journey,
                          answered_on, respondent, source_system, source_id)
    SELECT p_org, m.response_id, p_survey, v_batch, m.site_id, m.channel_id, m.journey,
           m.answered_on, COALESCE(m.respondent, 'usager'), p_source_system, m.source_id
      FROM stage_new m;
    GET DIAGNOSTICS v_resp = ROW_COUNT;
    SELECT count(*) - v_resp INTO v_dup FROM stage WHERE kind = 'R';

    INSERT INTO answer (org_id, response_id, question_id, option_code)
    SELECT DISTINCT p_org, m.response_id, a.question_id, a.option_code
      FROM stage a JOIN stage_new m ON m.rownum = a.rownum
     WHERE a.kind = 'A';
    GET DIAGNOSTICS v_ans = ROW_COUNT;

    INSERT INTO comment (org_id, response_id, question_id, body)
    SELECT DISTINCT ON (m.response_id, c.question_id) p_org, m.response_id, c.question_id, c.body
      FROM stage c JOIN stage_new m ON m.rownum = c.rownum
     WHERE c.kind = 'C';
    GET DIAGNOSTICS v_com = ROW_COUNT;

    INSERT INTO tally (org_id, survey_id, batch_id, site_id, channel_id, period_start, period_end,
                       question_id, option_code, n)
    SELECT p_org, p_survey, v_batch, t.site_id, t.channel_id, t.period_start, t.period_end,
           t.question_id, t.option_code, t.n
      FROM stage t WHERE t.kind = 'T';
    GET DIAGNOSTICS v_tal = ROW_COUNT;

    UPDATE batch b SET rows_imported = v_resp + v_tal, rows_already = v_dup, responses = v_resp,
                       answers = v_ans, comments = v_com, tallies = v_tal, finished_at = now()
     WHERE b.org_id = p_org AND b.batch_id = v_batch;

    DROP TABLE stage_new;
    RETURN QUERY SELECT v_batch, NULL::integer, NULL::timestamptz, v_resp, v_dup, v_ans, v_com, v_tal;
END $$;

-- Withdraws one batch's responses, answers, comments and tallies; the batch stays in the log.
CREATE OR REPLACE FUNCTION batch_undo(p_org integer, p_batch integer, p_operator text)
RETURNS TABLE (responses bigint, tallies bigint)
LANGUAGE plpgsql AS $$
DECLARE v_b record; v_r bigint; v_t bigint;
BEGIN
    SELECT * INTO v_b FROM batch b WHERE b.org_id = p_org AND b.batch_id = p_batch FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM def_fail('undo.unknown', p_batch::text);
    END IF;
    IF v_b.undone_at IS NOT NULL THEN
        PERFORM def_fail('undo.already', p_batch::text, to_char(v_b.undone_at, 'YYYY-MM-DD HH24:MI'));
    END IF;
    DELETE FROM response r WHERE r.org_id = p_org AND r.batch_id = p_batch;
    GET DIAGNOSTICS v_r = ROW_COUNT;
    DELETE FROM tally t WHERE t.org_id = p_org AND t.batch_id = p_batch;
    GET DIAGNOSTICS v_t = ROW_COUNT;
    UPDATE batch b SET undone_at = now(), undone_by = p_operator
     WHERE b.org_id = p_org AND b.batch_id = p_batch;
    RETURN QUERY SELECT v_r, v_t;
END $$;

-- Forms per survey, site, channel and source: individual responses, plus paper tallies counted
-- as forms (for each site, channel and period, the largest total over the questions).
CREATE OR REPLACE FUNCTION survey_status(p_org integer, p_survey text)
RETURNS TABLE (survey text, kind text, site text, channel text, source text, forms bigint)
LANGUAGE sql STABLE AS $$
    WITH s AS (
        SELECT survey_id, code, kind FROM survey
         WHERE org_id = p_org AND (p_survey IS NULL OR code = p_survey)
    ), indiv AS (
        SELECT r.survey_id, r.site_id, r.channel_id, b.collector || '/' || b.format AS source,
               count(*) AS forms
          FROM response r JOIN batch b ON b.org_id = r.org_id AND b.batch_id = r.batch_id
         WHERE r.org_id = p_org AND r.survey_id IN (SELECT survey_id FROM s)
         GROUP BY 1, 2, 3, 4
    ), per_q AS (
        SELECT t.survey_id, t.site_id, t.channel_id, t.period_start, t.period_end, t.question_id,
               b.collector || '/' || b.format AS source, sum(t.n) AS n
          FROM tally t JOIN batch b ON b.org_id = t.org_id AND b.batch_id = t.batch_id
         WHERE t.org_id = p_org AND t.survey_id IN (SELECT survey_id FROM s)
         GROUP BY 1, 2, 3, 4, 5, 6, 7
    ), tallied AS (
        SELECT survey_id, site_id, channel_id, source, sum(m) AS forms
          FROM (SELECT survey_id, site_id, channel_id, period_start, period_end, source, max(n) AS m
                  FROM per_q GROUP BY 1, 2, 3, 4, 5, 6) x
         GROUP BY 1, 2, 3, 4
    ), alls AS (
        SELECT * FROM indiv UNION ALL SELECT * FROM tallied
    )
    SELECT s.code, s.kind, COALESCE(si.code, '-'), COALESCE(c.code, '-'), a.source,
           sum(a.forms)::bigint
      FROM s LEFT JOIN alls a ON a.survey_id = s.survey_id
      LEFT JOIN site si ON si.org_id = p_org AND si.site_id = a.site_id
      LEFT JOIN channel c ON c.org_id = p_org AND c.channel_id = a.channel_id
     GROUP BY s.code, s.kind, si.code, c.code, a.source
     ORDER BY s.code, si.code NULLS FIRST, c.code, a.source;
$$;
