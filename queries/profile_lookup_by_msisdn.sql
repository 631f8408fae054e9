-- @internal
-- @description A number's profile in one statement: the SIMs it was seen on (daily_features), their
-- profile_days rows and the ids of the findings about the number, those IMSIs or their numbers, so a
-- lookup pays DuckDB's per-statement cost once. The first scan is a lone equality filter in a
-- MATERIALIZED CTE (the shape for which DuckDB 1.5 uses an ART index, schema.sql); the later ones are
-- hash joins whose few build-side keys DuckDB pushes into the probe scan, which then also reads the
-- index (unit test on the plan). Row kinds: 'identity' (imsi, msisdn, operator), a profile_days kind
-- (imsi, day, payload), 'finding' (payload = finding id).
WITH seen AS MATERIALIZED (SELECT imsi, msisdn, operator FROM daily_features WHERE msisdn = $value),
     ids AS MATERIALIZED (SELECT DISTINCT imsi, msisdn, operator FROM seen),
     -- '' is never an IMSI: it keeps the join's build side non-empty, as an empty one makes DuckDB
     -- start a sequential scan of profile_days before it gives up (an unknown number)
     imsis AS MATERIALIZED (SELECT DISTINCT imsi FROM ids UNION SELECT ''),
     days AS MATERIALIZED (SELECT p.imsi, p.day, p.kind, p.payload FROM imsis JOIN profile_days p ON p.imsi = imsis.imsi),
     subject_values AS MATERIALIZED (SELECT value FROM (SELECT $value AS value UNION SELECT imsi FROM ids UNION SELECT msisdn FROM ids) WHERE value <> ''),
     hits AS MATERIALIZED (SELECT DISTINCT s.finding_id FROM subject_values v JOIN finding_subjects s ON s.value = v.value)
SELECT 'identity' AS kind, imsi, msisdn, operator, NULL::VARCHAR AS day, NULL::VARCHAR AS payload FROM ids
UNION ALL SELECT kind, imsi, NULL, NULL, day::VARCHAR, payload FROM days
UNION ALL SELECT 'finding', NULL, NULL, NULL, NULL, finding_id FROM hits;
