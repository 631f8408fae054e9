-- @internal
-- @description A number's profile in one statement: the SIMs it was seen on (daily_features), their
-- profile_days rows and the ids of the findings about the number, those IMSIs or their numbers, so a
-- lookup pays DuckDB's per-statement cost once. The first scan is a lone equality filter in a
-- MATERIALIZED CTE (the shape for which DuckDB 1.5 uses an ART index, schema.sql); profile_days and
-- finding_subjects are semi-joined to a few values, which DuckDB pushes into the scan as a filter
-- that also reads the index (unit test on the plan). No DISTINCT or UNION: a hash aggregate costs
-- ~0.3–1 ms of CPU however few its rows, so identities and finding ids are deduplicated by the
-- caller. Row kinds: 'identity' (imsi, msisdn, operator), a profile_days kind (imsi, day, payload),
-- 'finding' (payload = finding id).
WITH seen AS MATERIALIZED (SELECT imsi, msisdn, operator FROM daily_features WHERE msisdn = $value)
SELECT 'identity' AS kind, imsi, msisdn, operator, NULL::VARCHAR AS day, NULL::VARCHAR AS payload FROM seen
-- '' is never an IMSI: it keeps the semi-join's value list non-empty, as an empty one makes DuckDB
-- start a sequential scan of profile_days before it gives up (an unknown number)
UNION ALL SELECT kind, imsi, NULL, NULL, day::VARCHAR, payload FROM profile_days WHERE imsi IN (SELECT imsi FROM seen UNION ALL SELECT '')
UNION ALL SELECT 'finding', NULL, NULL, NULL, NULL, finding_id FROM finding_subjects
  WHERE value IN (SELECT $value UNION ALL SELECT imsi FROM seen UNION ALL SELECT msisdn FROM seen);
