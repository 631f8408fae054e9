-- @internal
-- @description An IMSI's profile in one statement: its profile_days rows and the ids of the findings
-- about the IMSI or any number its feature rows name (msisdn is field 0 of each payload entry,
-- store/profileDays.ts), so a lookup pays DuckDB's per-statement cost once. The first scan is a lone
-- equality filter in a MATERIALIZED CTE (the shape for which DuckDB 1.5 uses an ART index,
-- schema.sql); finding_subjects is semi-joined to a few values, which DuckDB pushes into the scan as
-- a filter that also reads the index (unit test on the plan). No DISTINCT or UNION (a hash aggregate
-- costs ~0.3–1 ms of CPU however few its rows): the caller deduplicates finding ids. Row kinds: a
-- profile_days kind (imsi, day, payload), 'finding' (payload = finding id).
WITH days AS MATERIALIZED (SELECT imsi, day, kind, payload FROM profile_days WHERE imsi = $value)
SELECT kind, imsi, NULL::VARCHAR AS msisdn, NULL::VARCHAR AS operator, day::VARCHAR AS day, payload FROM days
UNION ALL SELECT 'finding', NULL, NULL, NULL, NULL, finding_id FROM finding_subjects
  WHERE value IN (SELECT $value UNION ALL SELECT unnest(json_extract_string(payload, '$[*][0]')) FROM days WHERE kind = 'features');
