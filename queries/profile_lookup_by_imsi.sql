-- @internal
-- @description An IMSI's profile in one statement: its profile_days rows and the ids of the findings
-- about the IMSI or any number its feature rows name (msisdn is field 0 of each payload entry,
-- store/profileDays.ts), so a lookup pays DuckDB's per-statement cost once. The first scan is a lone
-- equality filter in a MATERIALIZED CTE (the shape for which DuckDB 1.5 uses an ART index,
-- schema.sql); finding_subjects is read through a hash join whose few build-side keys DuckDB pushes
-- into the probe scan, which then also reads the index (unit test on the plan). Row kinds: a
-- profile_days kind (imsi, day, payload), 'finding' (payload = finding id).
WITH days AS MATERIALIZED (SELECT imsi, day, kind, payload FROM profile_days WHERE imsi = $value),
     numbers AS MATERIALIZED (SELECT unnest(json_extract_string(payload, '$[*][0]')) AS value FROM days WHERE kind = 'features'),
     subject_values AS MATERIALIZED (SELECT value FROM (SELECT $value AS value UNION SELECT value FROM numbers) WHERE value <> ''),
     hits AS MATERIALIZED (SELECT DISTINCT s.finding_id FROM subject_values v JOIN finding_subjects s ON s.value = v.value)
SELECT kind, imsi, NULL::VARCHAR AS msisdn, NULL::VARCHAR AS operator, day::VARCHAR AS day, payload FROM days
UNION ALL SELECT 'finding', NULL, NULL, NULL, NULL, finding_id FROM hits;
