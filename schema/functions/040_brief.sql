-- 040_brief.sql: the database side of `survey-report weight` (profile cells in, weights out)
-- and the weighted aggregates of `survey-report brief`. As everywhere, counting happens here;
-- the program receives the few rows a page needs.

-- Each response of a survey with its profile key: the option codes it chose for the given
-- questions, joined by '|', '' where it gave no answer that counts (no answer, or an option
-- with counted = false such as "Je préfère ne pas répondre").
-- CREATE OR REPLACE cannot change the columns of a set-returning function: drop them first so
-- that init upgrades a database made by an earlier version.
DROP FUNCTION IF EXISTS weighting_keys(integer, integer, text[]);
DROP FUNCTION IF EXISTS weighting_cells(integer, integer, text[]);
DROP FUNCTION IF EXISTS weighting_options(integer, integer, text[]);
DROP FUNCTION IF EXISTS brief_surveys(integer);
DROP FUNCTION IF EXISTS brief_answers(integer, integer);
DROP FUNCTION IF EXISTS brief_cells(integer, integer, text);
DROP FUNCTION IF EXISTS brief_trends(integer);
DROP FUNCTION IF EXISTS brief_method(integer, integer);

CREATE OR REPLACE FUNCTION weighting_keys(p_org integer, p_survey integer, p_questions text[])
RETURNS TABLE (response_id bigint, key text)
LANGUAGE sql STABLE AS $$
    SELECT r.response_id,
           array_to_string(array_agg(COALESCE(x.code, '') ORDER BY q.ord), '|')
      FROM response r
     CROSS JOIN unnest(p_questions) WITH ORDINALITY AS q(code, ord)
      LEFT JOIN LATERAL (
           SELECT min(a.option_code) AS code
             FROM answer a
             JOIN question qq ON qq.org_id = a.org_id AND qq.question_id = a.question_id
             JOIN option o ON o.org_id = a.org_id AND o.question_id = a.question_id
                          AND o.code = a.option_code
            WHERE a.org_id = p_org AND a.response_id = r.response_id AND qq.code = q.code
              AND o.counted) x ON true
     WHERE r.org_id = p_org AND r.survey_id = p_survey
     GROUP BY r.response_id;
$$;

-- The profile cells of a survey: each distinct key with its number of respondents.
CREATE OR REPLACE FUNCTION weighting_cells(p_org integer, p_survey integer, p_questions text[])
RETURNS TABLE (key text, n bigint)
LANGUAGE sql STABLE AS $$
    SELECT key, count(*) FROM weighting_keys(p_org, p_survey, p_questions)
     GROUP BY key ORDER BY key;
$$;

-- Per margin question: its counted options with their respondents (0 included), so that the
-- program can say which category has nobody and which answered category has no margin.
CREATE OR REPLACE FUNCTION weighting_options(p_org integer, p_survey integer, p_questions text[])
RETURNS TABLE (question text, asked boolean, option_code text, counted boolean, n bigint)
LANGUAGE sql STABLE AS $$
    SELECT q.code,
           EXISTS (SELECT 1 FROM survey_question sq
                    WHERE sq.org_id = p_org AND sq.survey_id = p_survey
                      AND sq.question_id = q.question_id),
           o.code, o.counted,
           (SELECT count(*) FROM answer a JOIN response r
                 ON r.org_id = a.org_id AND r.response_id = a.response_id
             WHERE a.org_id = p_org AND r.survey_id = p_survey
               AND a.question_id = q.question_id AND a.option_code = o.code)
      FROM unnest(p_questions) WITH ORDINALITY AS u(code, ord)
      JOIN question q ON q.org_id = p_org AND q.code = u.code
      JOIN option o ON o.org_id = p_org AND o.question_id = q.question_id
     ORDER BY u.ord, o.position;
$$;

-- Stores a raking run: every response of the survey gets the weight of its key (the previous
-- weights are replaced), and the run is recorded in weighting. Fails with weight.changed when
-- a response has no weight (the data changed since the cells were read): nothing is kept.
CREATE OR REPLACE FUNCTION weighting_apply(p_org integer, p_survey integer, p_questions text[],
                                           p_keys text[], p_weights float8[], p_margins jsonb,
                                           p_iterations integer, p_deff float8, p_min float8,
                                           p_max float8)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE v_n integer; v_missing integer;
BEGIN
    PERFORM 1 FROM survey WHERE org_id = p_org AND survey_id = p_survey FOR UPDATE;
    UPDATE response r SET weight = w.weight
      FROM weighting_keys(p_org, p_survey, p_questions) k
      LEFT JOIN unnest(p_keys, p_weights) AS w(key, weight) ON w.key = k.key
     WHERE r.org_id = p_org AND r.survey_id = p_survey AND r.response_id = k.response_id;
    GET DIAGNOSTICS v_n = ROW_COUNT;
    SELECT count(*) INTO v_missing FROM response
     WHERE org_id = p_org AND survey_id = p_survey AND weight IS NULL;
    IF v_missing > 0 THEN
        PERFORM def_fail('weight.changed', v_missing::text);
    END IF;
    INSERT INTO weighting (org_id, survey_id, computed_at, margins, iterations, deff,
                           weight_min, weight_max, respondents)
    VALUES (p_org, p_survey, now(), p_margins, p_iterations, p_deff, p_min, p_max, v_n)
    ON CONFLICT (org_id, survey_id) DO UPDATE
       SET computed_at = EXCLUDED.computed_at, margins = EXCLUDED.margins,
           iterations = EXCLUDED.iterations, deff = EXCLUDED.deff,
           weight_min = EXCLUDED.weight_min, weight_max = EXCLUDED.weight_max,
           respondents = EXCLUDED.respondents;
    RETURN v_n;
END $$;

-- ---- The brief ----

-- The surveys a brief puts side by side: every large and flash survey of the organisation, in
-- time order, with their year (of period_start).
CREATE OR REPLACE FUNCTION brief_surveys(p_org integer)
RETURNS TABLE (survey_id integer, code text, kind text, title text, year integer,
               period_start date, period_end date)
LANGUAGE sql STABLE AS $$
    SELECT survey_id, code, kind, title, extract(year FROM period_start)::integer,
           period_start, period_end
      FROM survey
     WHERE org_id = p_org AND kind IN ('large', 'flash')
     ORDER BY period_start, period_end, survey_id;
$$;

-- Every answer that counts of a survey with what a breakdown needs. Individual answers carry
-- the response's weight (1 when the survey is not weighted) and mult = 1; a paper tally row
-- stands for mult = n forms of weight 1.
CREATE OR REPLACE FUNCTION brief_answers(p_org integer, p_survey integer)
RETURNS TABLE (question_id integer, response_id bigint, channel_id integer, site_id integer,
               journey text, positive boolean, w float8, mult bigint)
LANGUAGE sql STABLE AS $$
    SELECT a.question_id, r.response_id, r.channel_id, r.site_id, r.journey, o.positive,
           COALESCE(r.weight, 1.0), 1::bigint
      FROM response r
      JOIN answer a ON a.org_id = r.org_id AND a.response_id = r.response_id
      JOIN option o ON o.org_id = a.org_id AND o.question_id = a.question_id AND o.code = a.option_code
     WHERE r.org_id = p_org AND r.survey_id = p_survey AND o.counted
    UNION ALL
    SELECT t.question_id, NULL, t.channel_id, t.site_id, NULL, o.positive, 1.0, t.n::bigint
      FROM tally t
      JOIN option o ON o.org_id = t.org_id AND o.question_id = t.question_id AND o.code = t.option_code
     WHERE t.org_id = p_org AND t.survey_id = p_survey AND o.counted AND t.n > 0;
$$;

-- Weighted aggregates of every rated question of a survey (a question with a positive option),
-- by one dimension: 'total', 'canal', 'site', 'parcours', or a profile question's code (the
-- respondent's answer that counts to it). Per group: n answers (unweighted), w the sum of
-- weights, k the weighted positive answers, w2 and k2 the same with squared weights, and
-- design_n the question's answers in the whole survey (the design of the variance, see
-- reports/wstats.h), npos the unweighted positive answers. Groups in definition order
-- (journeys by name).
CREATE OR REPLACE FUNCTION brief_cells(p_org integer, p_survey integer, p_dim text)
RETURNS TABLE (question text, grp text, label text, n bigint, w float8, k float8, w2 float8,
               k2 float8, design_n bigint, npos bigint)
LANGUAGE sql STABLE AS $$
    WITH a AS (
        SELECT * FROM brief_answers(p_org, p_survey)
    ), rated AS (
        SELECT q.question_id, q.code, sq.position
          FROM survey_question sq
          JOIN question q ON q.org_id = sq.org_id AND q.question_id = sq.question_id
         WHERE sq.org_id = p_org AND sq.survey_id = p_survey
           AND EXISTS (SELECT 1 FROM option o WHERE o.org_id = q.org_id
                          AND o.question_id = q.question_id AND o.positive)
    ), prof AS (
        SELECT an.response_id, o.code, o.label, o.position
          FROM answer an
          JOIN question pq ON pq.org_id = an.org_id AND pq.question_id = an.question_id
          JOIN option o ON o.org_id = an.org_id AND o.question_id = an.question_id AND o.code = an.option_code
          JOIN response r ON r.org_id = an.org_id AND r.response_id = an.response_id
         WHERE an.org_id = p_org AND r.survey_id = p_survey AND pq.code = p_dim AND o.counted
    ), g AS (
        SELECT a.*, CASE p_dim
                      WHEN 'total' THEN ''
                      WHEN 'canal' THEN ch.code
                      WHEN 'site' THEN si.code
                      WHEN 'parcours' THEN a.journey
                      ELSE pr.code END AS grp,
               CASE p_dim
                      WHEN 'total' THEN ''
                      WHEN 'canal' THEN ch.label
                      WHEN 'site' THEN si.name
                      WHEN 'parcours' THEN a.journey
                      ELSE pr.label END AS label,
               CASE p_dim
                      WHEN 'canal' THEN ch.channel_id
                      WHEN 'site' THEN si.site_id
                      WHEN 'total' THEN 0
                      WHEN 'parcours' THEN 0
                      ELSE pr.position END AS ord
          FROM a
          LEFT JOIN channel ch ON ch.org_id = p_org AND ch.channel_id = a.channel_id
          LEFT JOIN site si ON si.org_id = p_org AND si.site_id = a.site_id
          LEFT JOIN prof pr ON pr.response_id = a.response_id
    ), tot AS (
        SELECT question_id, sum(mult)::bigint AS design_n FROM a GROUP BY 1
    )
    SELECT rated.code, g.grp, g.label, sum(g.mult)::bigint, sum(g.mult * g.w),
           COALESCE(sum(g.mult * g.w) FILTER (WHERE g.positive), 0),
           sum(g.mult * g.w * g.w),
           COALESCE(sum(g.mult * g.w * g.w) FILTER (WHERE g.positive), 0),
           tot.design_n, COALESCE(sum(g.mult) FILTER (WHERE g.positive), 0)::bigint
      FROM g
      JOIN rated ON rated.question_id = g.question_id
      JOIN tot ON tot.question_id = g.question_id
     WHERE g.grp IS NOT NULL
     GROUP BY rated.code, rated.position, g.grp, g.label, g.ord, tot.design_n
     ORDER BY rated.position, g.ord, g.grp;
$$;

-- The indicators with, for every survey of brief_surveys, the aggregates of the indicator's
-- question on its channel (all channels when it has none) and the objective of that survey's
-- year. Rows per indicator (definition order) then survey (time order); a survey that does not
-- ask the question has n = 0.
CREATE OR REPLACE FUNCTION brief_trends(p_org integer)
RETURNS TABLE (indicator text, label text, question text, channel text, survey text,
               kind text, year integer, objective numeric, n bigint, w float8, k float8,
               w2 float8, k2 float8, design_n bigint)
LANGUAGE sql STABLE AS $$
    WITH s AS (
        SELECT * FROM brief_surveys(p_org)
    ), c AS (
        SELECT s.survey_id, x.* FROM s CROSS JOIN LATERAL brief_cells(p_org, s.survey_id, 'canal') x
    )
    SELECT i.code, i.label, q.code, ch.code, s.code, s.kind, s.year, ob.target,
           COALESCE(sum(c.n), 0)::bigint, COALESCE(sum(c.w), 0), COALESCE(sum(c.k), 0),
           COALESCE(sum(c.w2), 0), COALESCE(sum(c.k2), 0), COALESCE(max(c.design_n), 0)::bigint
      FROM indicator i
      JOIN question q ON q.org_id = i.org_id AND q.question_id = i.question_id
      LEFT JOIN channel ch ON ch.org_id = i.org_id AND ch.channel_id = i.channel_id
      CROSS JOIN s
      LEFT JOIN objective ob ON ob.org_id = i.org_id AND ob.indicator_id = i.indicator_id
                            AND ob.year = s.year
      LEFT JOIN c ON c.survey_id = s.survey_id AND c.question = q.code
                 AND (ch.code IS NULL OR c.grp = ch.code)
     WHERE i.org_id = p_org
     GROUP BY i.code, i.label, i.position, i.indicator_id, q.code, ch.code, s.code, s.kind,
              s.year, s.period_start, s.period_end, s.survey_id, ob.target
     ORDER BY i.position, i.indicator_id, s.period_start, s.period_end, s.survey_id;
$$;

-- What the method page says of a survey: responses, collection dates, the weighting run.
CREATE OR REPLACE FUNCTION brief_method(p_org integer, p_survey integer)
RETURNS TABLE (responses bigint, first_day date, last_day date, weighted boolean,
               margins jsonb, deff float8, iterations integer, weight_min float8,
               weight_max float8, mirror_id integer, mirror_code text, mirror_title text,
               mirror_responses bigint)
LANGUAGE sql STABLE AS $$
    SELECT (SELECT count(*) FROM response r WHERE r.org_id = p_org AND r.survey_id = p_survey),
           (SELECT min(answered_on) FROM response r WHERE r.org_id = p_org AND r.survey_id = p_survey),
           (SELECT max(answered_on) FROM response r WHERE r.org_id = p_org AND r.survey_id = p_survey),
           w.survey_id IS NOT NULL, w.margins, w.deff, w.iterations, w.weight_min, w.weight_max,
           m.survey_id, m.code, m.title,
           (SELECT count(*) FROM response r WHERE r.org_id = p_org AND r.survey_id = m.survey_id)
      FROM (SELECT 1) one
      LEFT JOIN weighting w ON w.org_id = p_org AND w.survey_id = p_survey
      LEFT JOIN LATERAL (SELECT survey_id, code, title FROM survey
                          WHERE org_id = p_org AND mirror_of = p_survey
                          ORDER BY period_start DESC, survey_id DESC LIMIT 1) m ON true;
$$;
