-- 030_report.sql: the aggregates behind the reports. Every count is made here (GROUP BY in the
-- database); the report programs receive the few rows a page needs and only lay them out.
-- Individual answers and paper tallies count alike: a tally row of n forms is n answers.
-- Free-text comments are never read here.

-- The set-returning functions are dropped first: CREATE OR REPLACE cannot change the columns of
-- a function created by an earlier version of this file. Nothing else depends on them.
DROP FUNCTION IF EXISTS report_survey(integer, text);
DROP FUNCTION IF EXISTS report_indicators(integer, integer);
DROP FUNCTION IF EXISTS report_scopes(integer, integer, text);
DROP FUNCTION IF EXISTS report_strata(integer, integer);
DROP FUNCTION IF EXISTS report_distribution(integer, integer);
DROP FUNCTION IF EXISTS report_channel_forms(integer, integer);
DROP FUNCTION IF EXISTS report_sources(integer, integer);
DROP FUNCTION IF EXISTS report_forms(integer, integer);
DROP FUNCTION IF EXISTS report_qcounts(integer, integer);
DROP FUNCTION IF EXISTS report_counts(integer, integer);

-- Answers per question, option, site, channel and batch: individual answers plus tallies.
CREATE OR REPLACE FUNCTION report_counts(p_org integer, p_survey integer)
RETURNS TABLE (question_id integer, option_code text, site_id integer, channel_id integer,
               batch_id integer, n bigint)
LANGUAGE sql STABLE AS $$
    SELECT a.question_id, a.option_code, r.site_id, r.channel_id, r.batch_id, count(*)
      FROM response r
      JOIN answer a ON a.org_id = r.org_id AND a.response_id = r.response_id
     WHERE r.org_id = p_org AND r.survey_id = p_survey
     GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT t.question_id, t.option_code, t.site_id, t.channel_id, t.batch_id, sum(t.n)::bigint
      FROM tally t
     WHERE t.org_id = p_org AND t.survey_id = p_survey
     GROUP BY 1, 2, 3, 4, 5;
$$;

-- Per question, site and channel: n = answers that count (options with counted = false, "sans
-- avis", are left out), k = positive answers among them.
CREATE OR REPLACE FUNCTION report_qcounts(p_org integer, p_survey integer)
RETURNS TABLE (question_id integer, site_id integer, channel_id integer, n bigint, k bigint)
LANGUAGE sql STABLE AS $$
    SELECT c.question_id, c.site_id, c.channel_id,
           COALESCE(sum(c.n) FILTER (WHERE o.counted), 0)::bigint,
           COALESCE(sum(c.n) FILTER (WHERE o.counted AND o.positive), 0)::bigint
      FROM report_counts(p_org, p_survey) c
      JOIN option o ON o.org_id = p_org AND o.question_id = c.question_id AND o.code = c.option_code
     GROUP BY 1, 2, 3;
$$;

-- The previous flash survey: the latest survey of kind flash whose period ends before this
-- one starts (NULL when there is none).
CREATE OR REPLACE FUNCTION report_previous(p_org integer, p_survey integer) RETURNS integer
LANGUAGE sql STABLE AS $$
    SELECT p.survey_id
      FROM survey s
      JOIN survey p ON p.org_id = s.org_id AND p.kind = 'flash' AND p.period_end < s.period_start
     WHERE s.org_id = p_org AND s.survey_id = p_survey
     ORDER BY p.period_end DESC, p.period_start DESC, p.survey_id DESC
     LIMIT 1;
$$;

-- The indicator that heads the dashboard: the first one (by position) on all channels.
CREATE OR REPLACE FUNCTION report_headline(p_org integer) RETURNS integer
LANGUAGE sql STABLE AS $$
    SELECT indicator_id FROM indicator
     WHERE org_id = p_org
     ORDER BY channel_id IS NOT NULL, position, indicator_id
     LIMIT 1;
$$;

-- One row describing the survey of the report. data_epoch is the time of the data (the latest
-- live batch's end, else the end of the survey's period at midnight UTC), data_day its date;
-- both are what the report prints and stamps as its date, so that the same database always
-- gives the same bytes.
CREATE OR REPLACE FUNCTION report_survey(p_org integer, p_code text)
RETURNS TABLE (survey_id integer, code text, kind text, title text, period_start date,
               period_end date, org_code text, org_name text, data_epoch bigint, data_day date,
               prev_id integer, prev_code text, prev_title text, prev_start date,
               headline_code text, headline_label text, headline_question text,
               batches bigint)
LANGUAGE sql STABLE AS $$
    WITH s AS (
        SELECT * FROM survey WHERE org_id = p_org AND code = p_code
    ), b AS (
        SELECT max(b.finished_at) AS last, count(*) AS nb
          FROM batch b, s
         WHERE b.org_id = p_org AND b.survey_id = s.survey_id AND b.undone_at IS NULL
    ), h AS (
        SELECT i.code, i.label, q.code AS qcode
          FROM indicator i
          JOIN question q ON q.org_id = i.org_id AND q.question_id = i.question_id
         WHERE i.org_id = p_org AND i.indicator_id = report_headline(p_org)
    )
    SELECT s.survey_id, s.code, s.kind, s.title, s.period_start, s.period_end, o.code, o.name,
           COALESCE(floor(extract(epoch FROM b.last)),
                    extract(epoch FROM s.period_end::timestamp AT TIME ZONE 'UTC'))::bigint,
           COALESCE((b.last AT TIME ZONE 'UTC')::date, s.period_end),
           p.survey_id, p.code, p.title, p.period_start,
           h.code, h.label, h.qcode, b.nb
      FROM s
      JOIN org o ON o.org_id = p_org
      CROSS JOIN b
      LEFT JOIN survey p ON p.org_id = p_org AND p.survey_id = report_previous(p_org, s.survey_id)
      LEFT JOIN h ON true;
$$;

-- The dashboard's indicators, in their order: the objective of the survey's year (year of its
-- period_start), n and k for this survey and for the previous flash survey. Only indicators
-- whose question the survey asks.
CREATE OR REPLACE FUNCTION report_indicators(p_org integer, p_survey integer)
RETURNS TABLE (code text, label text, channel text, objective numeric, n bigint, k bigint,
               prev_n bigint, prev_k bigint)
LANGUAGE sql STABLE AS $$
    WITH s AS (
        SELECT survey_id, extract(year FROM period_start)::integer AS year
          FROM survey WHERE org_id = p_org AND survey_id = p_survey
    ), cur AS (
        SELECT * FROM report_qcounts(p_org, p_survey)
    ), old AS (
        SELECT * FROM report_qcounts(p_org, report_previous(p_org, p_survey))
    )
    SELECT i.code, i.label, ch.code, ob.target,
           (SELECT COALESCE(sum(c.n), 0) FROM cur c
             WHERE c.question_id = i.question_id AND (i.channel_id IS NULL OR c.channel_id = i.channel_id))::bigint,
           (SELECT COALESCE(sum(c.k), 0) FROM cur c
             WHERE c.question_id = i.question_id AND (i.channel_id IS NULL OR c.channel_id = i.channel_id))::bigint,
           (SELECT COALESCE(sum(c.n), 0) FROM old c
             WHERE c.question_id = i.question_id AND (i.channel_id IS NULL OR c.channel_id = i.channel_id))::bigint,
           (SELECT COALESCE(sum(c.k), 0) FROM old c
             WHERE c.question_id = i.question_id AND (i.channel_id IS NULL OR c.channel_id = i.channel_id))::bigint
      FROM indicator i
      CROSS JOIN s
      LEFT JOIN channel ch ON ch.org_id = p_org AND ch.channel_id = i.channel_id
      LEFT JOIN objective ob ON ob.org_id = p_org AND ob.indicator_id = i.indicator_id AND ob.year = s.year
     WHERE i.org_id = p_org
       AND EXISTS (SELECT 1 FROM survey_question sq
                    WHERE sq.org_id = p_org AND sq.survey_id = p_survey AND sq.question_id = i.question_id)
     ORDER BY i.position, i.indicator_id;
$$;

-- Each indicator of report_indicators by channel ('canal') and by site ('site'), for this
-- survey (n, k) and the previous flash survey (prev_n, prev_k): the strata within which the two
-- waves are compared, so that a change of the channel mix is not read as a change of
-- satisfaction. Only strata with answers in either wave; answers without a site form one 'site'
-- row with an empty code. In indicator order, then channels and sites in definition order.
CREATE OR REPLACE FUNCTION report_strata(p_org integer, p_survey integer)
RETURNS TABLE (indicator text, scope text, code text, label text, n bigint, k bigint,
               prev_n bigint, prev_k bigint)
LANGUAGE sql STABLE AS $$
    WITH cur AS (
        SELECT * FROM report_qcounts(p_org, p_survey)
    ), old AS (
        SELECT * FROM report_qcounts(p_org, report_previous(p_org, p_survey))
    ), both_waves AS (
        SELECT question_id, site_id, channel_id, n, k, 0::bigint AS pn, 0::bigint AS pk FROM cur
        UNION ALL
        SELECT question_id, site_id, channel_id, 0, 0, n, k FROM old
    ), ind AS (
        SELECT i.indicator_id, i.code, i.position, i.question_id, i.channel_id
          FROM indicator i
         WHERE i.org_id = p_org
           AND EXISTS (SELECT 1 FROM survey_question sq
                        WHERE sq.org_id = p_org AND sq.survey_id = p_survey
                          AND sq.question_id = i.question_id)
    ), x AS (
        SELECT ind.code AS indicator, ind.position, ind.indicator_id, b.site_id, b.channel_id,
               b.n, b.k, b.pn, b.pk
          FROM ind JOIN both_waves b ON b.question_id = ind.question_id
                 AND (ind.channel_id IS NULL OR b.channel_id = ind.channel_id)
    )
    SELECT indicator, scope, code, label, n, k, prev_n, prev_k FROM (
        SELECT x.indicator, x.position, x.indicator_id, 0 AS grp, ch.channel_id AS ord,
               'canal'::text AS scope, ch.code, ch.label, sum(x.n)::bigint AS n,
               sum(x.k)::bigint AS k, sum(x.pn)::bigint AS prev_n, sum(x.pk)::bigint AS prev_k
          FROM x JOIN channel ch ON ch.org_id = p_org AND ch.channel_id = x.channel_id
         GROUP BY x.indicator, x.position, x.indicator_id, ch.channel_id, ch.code, ch.label
        UNION ALL
        SELECT x.indicator, x.position, x.indicator_id, 1, COALESCE(si.site_id, 2147483647),
               'site', COALESCE(si.code, ''), COALESCE(si.name, ''), sum(x.n)::bigint,
               sum(x.k)::bigint, sum(x.pn)::bigint, sum(x.pk)::bigint
          FROM x LEFT JOIN site si ON si.org_id = p_org AND si.site_id = x.site_id
         GROUP BY x.indicator, x.position, x.indicator_id, si.site_id, si.code, si.name) y
     WHERE n > 0 OR prev_n > 0
     ORDER BY position, indicator_id, grp, ord;
$$;

-- The headline question's n and k by channel ('canal') and by site ('site'), in definition
-- order, only where it has answers. Answers without a site (online, phone) form one row with an
-- empty code.
CREATE OR REPLACE FUNCTION report_scopes(p_org integer, p_survey integer, p_question text)
RETURNS TABLE (scope text, code text, label text, n bigint, k bigint)
LANGUAGE sql STABLE AS $$
    WITH q AS (
        SELECT c.* FROM report_qcounts(p_org, p_survey) c
          JOIN question qu ON qu.org_id = p_org AND qu.question_id = c.question_id
         WHERE qu.code = p_question
    )
    SELECT scope, code, label, n, k FROM (
        SELECT 'canal'::text AS scope, ch.code, ch.label, sum(q.n)::bigint AS n,
               sum(q.k)::bigint AS k, 0 AS grp, ch.channel_id AS ord
          FROM q JOIN channel ch ON ch.org_id = p_org AND ch.channel_id = q.channel_id
         GROUP BY ch.channel_id, ch.code, ch.label
        HAVING sum(q.n) > 0
        UNION ALL
        SELECT 'site'::text, COALESCE(si.code, ''), COALESCE(si.name, ''), sum(q.n)::bigint,
               sum(q.k)::bigint, 1, COALESCE(si.site_id, 2147483647)
          FROM q LEFT JOIN site si ON si.org_id = p_org AND si.site_id = q.site_id
         GROUP BY si.site_id, si.code, si.name
        HAVING sum(q.n) > 0) x
     ORDER BY grp, ord;
$$;

-- The answer distribution of each scale question the survey asks: every option with its count
-- (counted = false for "sans avis"), in survey and option order; short_label is the label of
-- the question's indicator (all channels) when it has one, else its wording.
CREATE OR REPLACE FUNCTION report_distribution(p_org integer, p_survey integer)
RETURNS TABLE (question text, wording text, option_code text, option_label text,
               positive boolean, counted boolean, n bigint, short_label text)
LANGUAGE sql STABLE AS $$
    WITH c AS (
        SELECT question_id, option_code, sum(n)::bigint AS n
          FROM report_counts(p_org, p_survey) GROUP BY 1, 2
    )
    SELECT q.code, q.wording, o.code, o.label, o.positive, o.counted, COALESCE(c.n, 0),
           COALESCE((SELECT i.label FROM indicator i
                      WHERE i.org_id = p_org AND i.question_id = q.question_id
                        AND i.channel_id IS NULL
                      ORDER BY i.position LIMIT 1), q.wording)
      FROM survey_question sq
      JOIN question q ON q.org_id = sq.org_id AND q.question_id = sq.question_id
      JOIN option o ON o.org_id = q.org_id AND o.question_id = q.question_id
      LEFT JOIN c ON c.question_id = o.question_id AND c.option_code = o.code
     WHERE sq.org_id = p_org AND sq.survey_id = p_survey AND q.qtype = 'scale4'
     ORDER BY sq.position, o.position;
$$;

-- Questionnaires (forms) per live batch and channel: individual responses, plus paper tallies
-- counted as forms (for each site, channel and period, the largest total over the questions).
CREATE OR REPLACE FUNCTION report_forms(p_org integer, p_survey integer)
RETURNS TABLE (batch_id integer, channel_id integer, forms bigint)
LANGUAGE sql STABLE AS $$
    SELECT r.batch_id, r.channel_id, count(*)::bigint
      FROM response r
     WHERE r.org_id = p_org AND r.survey_id = p_survey
     GROUP BY 1, 2
    UNION ALL
    SELECT x.batch_id, x.channel_id, sum(x.m)::bigint
      FROM (SELECT t.batch_id, t.channel_id, t.site_id, t.period_start, t.period_end,
                   max(t.total) AS m
              FROM (SELECT batch_id, channel_id, site_id, period_start, period_end, question_id,
                           sum(n) AS total
                      FROM tally
                     WHERE org_id = p_org AND survey_id = p_survey
                     GROUP BY 1, 2, 3, 4, 5, 6) t
             GROUP BY 1, 2, 3, 4, 5) x
     GROUP BY 1, 2;
$$;

-- Forms per channel, in definition order (only channels with forms).
CREATE OR REPLACE FUNCTION report_channel_forms(p_org integer, p_survey integer)
RETURNS TABLE (code text, label text, forms bigint)
LANGUAGE sql STABLE AS $$
    SELECT ch.code, ch.label, sum(f.forms)::bigint
      FROM report_forms(p_org, p_survey) f
      JOIN channel ch ON ch.org_id = p_org AND ch.channel_id = f.channel_id
     GROUP BY ch.channel_id, ch.code, ch.label
    HAVING sum(f.forms) > 0
     ORDER BY ch.channel_id;
$$;

-- Forms and batches per source (collector and format), then one row per live batch
-- (kind 'lot': code = batch number, day = when it was loaded, UTC).
CREATE OR REPLACE FUNCTION report_sources(p_org integer, p_survey integer)
RETURNS TABLE (kind text, collector text, format text, batch_id integer, day date,
               batches bigint, forms bigint)
LANGUAGE sql STABLE AS $$
    WITH f AS (
        SELECT batch_id, sum(forms)::bigint AS forms
          FROM report_forms(p_org, p_survey) GROUP BY 1
    ), b AS (
        SELECT b.batch_id, b.collector, b.format, (b.finished_at AT TIME ZONE 'UTC')::date AS day,
               COALESCE(f.forms, 0) AS forms
          FROM batch b LEFT JOIN f ON f.batch_id = b.batch_id
         WHERE b.org_id = p_org AND b.survey_id = p_survey AND b.undone_at IS NULL
    )
    SELECT kind, collector, format, batch_id, day, batches, forms FROM (
        SELECT 'source'::text AS kind, collector, format, NULL::integer AS batch_id,
               NULL::date AS day, count(*)::bigint AS batches, sum(forms)::bigint AS forms, 0 AS grp
          FROM b GROUP BY collector, format
        UNION ALL
        SELECT 'lot'::text, collector, format, batch_id, day, 1::bigint, forms, 1
          FROM b) x
     ORDER BY grp, batch_id, collector, format;
$$;
