-- 090_roles.sql: least-privilege roles, applied by every `survey-admin init`.
-- barometre_collector: what a collector needs to stage and merge a batch (read the definitions,
--   insert responses, answers, comments and tallies, record its batch); it cannot read comments,
--   delete anything or change the schema.
-- barometre_report: read-only, and it cannot read free-text comments nor the installation's salt.
-- The programs switch to these roles (SET ROLE) when the connecting user is a member of them.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'barometre_collector') THEN
        CREATE ROLE barometre_collector NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'barometre_report') THEN
        CREATE ROLE barometre_report NOLOGIN;
    END IF;
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO barometre_collector, barometre_report',
                   current_database());
END $$;

REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO barometre_collector, barometre_report;

GRANT SELECT ON org, channel, site, survey, question, option, survey_question, indicator,
                objective, install_secret TO barometre_collector;
-- The import log and the facts: a collector writes them only through batch_merge (SECURITY
-- DEFINER), which records whole batches; it cannot insert a batch row of its own, rewrite the
-- counts of a batch, mark one undone (which would let the same file in twice) nor add facts.
-- It reads the log to say "déjà importé" before reading a file.
REVOKE INSERT, UPDATE ON batch, response, answer, comment, tally FROM barometre_collector;
REVOKE SELECT ON response FROM barometre_collector;
REVOKE USAGE ON ALL SEQUENCES IN SCHEMA public FROM barometre_collector;
GRANT SELECT ON batch TO barometre_collector;
REVOKE EXECUTE ON FUNCTION stage_create(), batch_merge(integer, integer, text, text, text, text,
    text, text, bigint, bigint, text, timestamptz, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION stage_create(), batch_merge(integer, integer, text, text, text, text,
    text, text, bigint, bigint, text, timestamptz, text) TO barometre_collector;

GRANT SELECT ON org, channel, site, survey, question, option, survey_question, indicator,
                objective, batch, response, answer, tally, weighting TO barometre_report;
