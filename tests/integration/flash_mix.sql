-- flash_mix.sql: a constructed case for tests/integration/flash.sh, loaded instead of
-- flash_data.sql: between flash-2024 and flash-2025 the channel mix moves (counters 300 -> 100
-- answers, online 60 -> 400) while
--   SATISF_GLOBALE keeps exactly its rate in each channel (counters 90 %, online 70 %): the
--                  overall rate falls from 86,7 % to 74,0 %, which a pooled test calls a fall;
--                  within channels nothing changed, so no "baisse" may be printed;
--   COURTOISIE     rises online only (55 % -> 80 %), counters unchanged (90 %): the overall
--                  rate barely moves (84,2 % -> 82,0 %), the rise inside the online channel
--                  must be printed.
\set ON_ERROR_STOP 1
BEGIN;

\ir flash_tables.sql.inc
INSERT INTO lots VALUES
 (1, 'flash-2024', 'collect-paper',  'tally',      'HDV', 'guichet',  'paper-tally', true,  '2024-07-01 09:00+00'),
 (2, 'flash-2024', 'collect-online', 'limesurvey', NULL,  'en_ligne', 'limesurvey',  false, '2024-12-20 16:30+00'),
 (3, 'flash-2025', 'collect-paper',  'tally',      'HDV', 'guichet',  'paper-tally', true,  '2025-02-10 08:15+00'),
 (4, 'flash-2025', 'collect-online', 'limesurvey', NULL,  'en_ligne', 'limesurvey',  false, '2025-03-03 11:00+00');

INSERT INTO plan VALUES
 (1,'SATISF_GLOBALE','1',200),(1,'SATISF_GLOBALE','2',70),(1,'SATISF_GLOBALE','3',20),(1,'SATISF_GLOBALE','4',10),
 (1,'COURTOISIE','1',200),(1,'COURTOISIE','2',70),(1,'COURTOISIE','3',30),
 (2,'SATISF_GLOBALE','1',30),(2,'SATISF_GLOBALE','2',12),(2,'SATISF_GLOBALE','3',18),
 (2,'COURTOISIE','1',20),(2,'COURTOISIE','2',13),(2,'COURTOISIE','3',27),
 (3,'SATISF_GLOBALE','1',60),(3,'SATISF_GLOBALE','2',30),(3,'SATISF_GLOBALE','3',6),(3,'SATISF_GLOBALE','4',4),
 (3,'COURTOISIE','1',60),(3,'COURTOISIE','2',30),(3,'COURTOISIE','3',10),
 (4,'SATISF_GLOBALE','1',180),(4,'SATISF_GLOBALE','2',100),(4,'SATISF_GLOBALE','3',80),(4,'SATISF_GLOBALE','4',40),
 (4,'COURTOISIE','1',200),(4,'COURTOISIE','2',120),(4,'COURTOISIE','3',80);

\ir flash_load.sql.inc

COMMIT;
