-- flash_data.sql: answers for flash-2024 and flash-2025 of samples/definitions.yaml, loaded the
-- way the collectors would leave them (one batch per file; paper tallies, OMR forms, online and
-- phone answers), with counts chosen for tests/integration/flash.sh:
--   flash-2025: IND_SATISF atteint, IND_ACCES non atteint, IND_ATTENTE non concluant,
--               IND_SATISF_TEL n = 20 (effectif insuffisant), site MEDIA n = 12;
--   change 2024 -> 2025: IND_SATISF significant rise, IND_ACCES and IND_ATTENTE stable,
--               IND_REPONSE significant fall.
-- One comment is stored, which must never be printed.
\set ON_ERROR_STOP 1
BEGIN;

\ir flash_tables.sql.inc
INSERT INTO lots VALUES
 (1, 'flash-2024', 'collect-paper',  'tally',      'HDV',   'guichet',   'paper-tally', true,  '2024-07-01 09:00+00'),
 (2, 'flash-2024', 'collect-online', 'limesurvey', NULL,    'en_ligne',  'limesurvey',  false, '2024-12-20 16:30+00'),
 (3, 'flash-2025', 'collect-paper',  'tally',      'HDV',   'guichet',   'paper-tally', true,  '2025-02-10 08:15+00'),
 (4, 'flash-2025', 'collect-paper',  'tally',      'MEDIA', 'guichet',   'paper-tally', true,  '2025-02-11 08:15+00'),
 (5, 'flash-2025', 'collect-paper',  'omr',        'CCAS',  'guichet',   'omr',         false, '2025-02-28 14:00+00'),
 (6, 'flash-2025', 'collect-online', 'limesurvey', NULL,    'en_ligne',  'limesurvey',  false, '2025-03-03 11:00+00'),
 (7, 'flash-2025', 'collect-phone',  'ivr',        NULL,    'telephone', 'ivr',         false, '2025-03-14 10:00+00');

INSERT INTO plan VALUES
 -- flash-2024, paper tally at the Hôtel de Ville
 (1,'SATISF_GLOBALE','1',200),(1,'SATISF_GLOBALE','2',100),(1,'SATISF_GLOBALE','3',60),(1,'SATISF_GLOBALE','4',40),(1,'SATISF_GLOBALE','9',20),
 (1,'ACCESSIBILITE','1',100),(1,'ACCESSIBILITE','2',100),(1,'ACCESSIBILITE','3',60),(1,'ACCESSIBILITE','4',40),
 (1,'ATTENTE','1',120),(1,'ATTENTE','2',100),(1,'ATTENTE','3',50),(1,'ATTENTE','4',30),
 (1,'COURTOISIE','1',150),(1,'COURTOISIE','2',100),(1,'COURTOISIE','3',30),(1,'COURTOISIE','4',20),
 (1,'REPONSE','1',200),(1,'REPONSE','2',60),(1,'REPONSE','3',40),
 (1,'ORIENTATION','1',250),(1,'ORIENTATION','2',50),
 -- flash-2024, online
 (2,'SATISF_GLOBALE','1',60),(2,'SATISF_GLOBALE','2',40),
 (2,'ACCESSIBILITE','1',50),(2,'ACCESSIBILITE','2',40),(2,'ACCESSIBILITE','3',10),
 (2,'ATTENTE','1',50),(2,'ATTENTE','2',30),(2,'ATTENTE','3',20),
 (2,'COURTOISIE','1',60),(2,'COURTOISIE','2',30),(2,'COURTOISIE','3',10),
 (2,'REPONSE','1',80),(2,'REPONSE','2',10),(2,'REPONSE','3',10),
 (2,'ORIENTATION','1',90),(2,'ORIENTATION','2',10),
 -- flash-2025, paper tally at the Hôtel de Ville (15 "sans avis" that must not count)
 (3,'SATISF_GLOBALE','1',150),(3,'SATISF_GLOBALE','2',80),(3,'SATISF_GLOBALE','3',12),(3,'SATISF_GLOBALE','4',8),(3,'SATISF_GLOBALE','9',15),
 (3,'ACCESSIBILITE','1',80),(3,'ACCESSIBILITE','2',60),(3,'ACCESSIBILITE','3',40),(3,'ACCESSIBILITE','4',20),
 (3,'ATTENTE','1',100),(3,'ATTENTE','2',60),(3,'ATTENTE','3',30),(3,'ATTENTE','4',10),
 (3,'COURTOISIE','1',150),(3,'COURTOISIE','2',40),(3,'COURTOISIE','3',6),(3,'COURTOISIE','4',4),
 (3,'REPONSE','1',120),(3,'REPONSE','2',50),(3,'REPONSE','3',30),
 (3,'ORIENTATION','1',175),(3,'ORIENTATION','2',25),
 -- flash-2025, paper tally at the Médiathèque: 12 answers only
 (4,'SATISF_GLOBALE','1',8),(4,'SATISF_GLOBALE','2',2),(4,'SATISF_GLOBALE','3',1),(4,'SATISF_GLOBALE','4',1),
 -- flash-2025, OMR forms at the CCAS
 (5,'SATISF_GLOBALE','1',100),(5,'SATISF_GLOBALE','2',50),(5,'SATISF_GLOBALE','3',6),(5,'SATISF_GLOBALE','4',4),(5,'SATISF_GLOBALE','9',5),
 (5,'ACCESSIBILITE','1',40),(5,'ACCESSIBILITE','2',30),(5,'ACCESSIBILITE','3',20),(5,'ACCESSIBILITE','4',10),
 (5,'ATTENTE','1',50),(5,'ATTENTE','2',30),(5,'ATTENTE','3',15),(5,'ATTENTE','4',5),
 (5,'COURTOISIE','1',75),(5,'COURTOISIE','2',20),(5,'COURTOISIE','3',3),(5,'COURTOISIE','4',2),
 (5,'REPONSE','1',60),(5,'REPONSE','2',25),(5,'REPONSE','3',15),
 (5,'ORIENTATION','1',88),(5,'ORIENTATION','2',12),
 -- flash-2025, online
 (6,'SATISF_GLOBALE','1',90),(6,'SATISF_GLOBALE','2',68),(6,'SATISF_GLOBALE','3',8),(6,'SATISF_GLOBALE','4',4),
 (6,'ACCESSIBILITE','1',40),(6,'ACCESSIBILITE','2',30),(6,'ACCESSIBILITE','3',20),(6,'ACCESSIBILITE','4',10),(6,'ACCESSIBILITE','9',10),
 (6,'ATTENTE','1',50),(6,'ATTENTE','2',30),(6,'ATTENTE','3',15),(6,'ATTENTE','4',5),
 (6,'COURTOISIE','1',75),(6,'COURTOISIE','2',20),(6,'COURTOISIE','3',3),(6,'COURTOISIE','4',2),
 (6,'REPONSE','1',60),(6,'REPONSE','2',25),(6,'REPONSE','3',15),
 (6,'ORIENTATION','1',87),(6,'ORIENTATION','2',13),
 -- flash-2025, phone (IVR): 20 answers only
 (7,'SATISF_GLOBALE','1',10),(7,'SATISF_GLOBALE','2',10);

\ir flash_load.sql.inc

COMMIT;
