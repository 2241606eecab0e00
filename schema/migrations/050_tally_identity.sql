-- 050_tally_identity.sql: what makes a paper tally the same one again whatever the bytes of its
-- sheet. batch.content_sha is the SHA-256 of a tally sheet's rows once read (ids, dates, counts,
-- sorted), so that a sheet re-saved by a spreadsheet (other encoding, line ends, column or row
-- order) is recognised as the batch that holds it; tally_identity finds the live tallies with the
-- same site, period, channel, question and answer as a staged row.
ALTER TABLE batch ADD COLUMN content_sha text;
CREATE INDEX batch_content ON batch (org_id, survey_id, content_sha)
    WHERE undone_at IS NULL AND content_sha IS NOT NULL;
CREATE INDEX tally_identity ON tally (org_id, survey_id, site_id, question_id, option_code,
                                      period_start);
