-- large_data.sql: loads one LimeSurvey export (question-code headers, answers as codes) the way
-- collect-online leaves it: one batch, one response per completed row (an empty submitdate is
-- an abandoned questionnaire and is left out), one answer per non-empty question column, the
-- free-text COMMENTAIRE apart. Channel, site and journey come from the CANAL, ACCUEIL and
-- PARCOURS columns. Used by tests/integration/large_load.inc, which has already COPYed the file
-- into the temporary table "raw"; psql variables: survey, respondent, file, sha.
\set ON_ERROR_STOP 1
BEGIN;
CREATE TEMP TABLE ctx AS
SELECT o.org_id, s.survey_id FROM org o JOIN survey s ON s.org_id = o.org_id
 WHERE o.code = 'ville-exemple' AND s.code = :'survey';

INSERT INTO batch (org_id, survey_id, collector, format, file_name, sha256, encoding, delimiter,
                   rows_read, rows_skipped, operator, started_at, finished_at)
SELECT org_id, survey_id, 'collect-online', 'limesurvey', :'file', :'sha', 'UTF-8 avec BOM', ',',
       (SELECT count(*) FROM raw), (SELECT count(*) FROM raw WHERE submitdate IS NULL), 'test',
       '2023-05-02 09:00+00', '2023-05-02 09:00+00'
  FROM ctx;

CREATE TEMP TABLE r2 AS
SELECT x.id, to_jsonb(x) AS j FROM raw x WHERE x.submitdate IS NOT NULL;

INSERT INTO response (org_id, survey_id, batch_id, site_id, channel_id, journey, answered_on,
                      respondent, source_system, source_id)
SELECT c.org_id, c.survey_id, (SELECT max(batch_id) FROM batch b WHERE b.org_id = c.org_id),
       si.site_id, ch.channel_id, r2.j ->> 'parcours', (r2.j ->> 'submitdate')::date,
       :'respondent', 'limesurvey', r2.id
  FROM r2 CROSS JOIN ctx c
  JOIN channel ch ON ch.org_id = c.org_id AND ch.code = COALESCE(r2.j ->> 'canal', 'en_ligne')
  LEFT JOIN site si ON si.org_id = c.org_id AND si.code = r2.j ->> 'accueil';

INSERT INTO answer (org_id, response_id, question_id, option_code)
SELECT c.org_id, re.response_id, q.question_id, kv.value
  FROM r2 CROSS JOIN ctx c
  JOIN response re ON re.org_id = c.org_id AND re.survey_id = c.survey_id
                  AND re.source_system = 'limesurvey' AND re.source_id = r2.id
  CROSS JOIN LATERAL jsonb_each_text(r2.j) kv
  JOIN question q ON q.org_id = c.org_id AND lower(q.code) = kv.key AND q.qtype <> 'text'
  JOIN survey_question sq ON sq.org_id = c.org_id AND sq.survey_id = c.survey_id
                         AND sq.question_id = q.question_id
 WHERE kv.value IS NOT NULL AND kv.value <> '';

INSERT INTO comment (org_id, response_id, question_id, body)
SELECT c.org_id, re.response_id, q.question_id, r2.j ->> 'commentaire'
  FROM r2 CROSS JOIN ctx c
  JOIN response re ON re.org_id = c.org_id AND re.survey_id = c.survey_id
                  AND re.source_system = 'limesurvey' AND re.source_id = r2.id
  JOIN question q ON q.org_id = c.org_id AND q.code = 'COMMENTAIRE'
 WHERE COALESCE(r2.j ->> 'commentaire', '') <> '';
COMMIT;
