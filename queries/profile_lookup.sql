-- @internal
-- @description One IMSI's profile_days rows and the ids of the findings about up to three values
-- (its number, the IMSI, the looked-up value) in one statement, so a lookup pays DuckDB's per-statement
-- cost once. Every scan is a lone equality filter inside a MATERIALIZED CTE, the shape for which
-- DuckDB 1.5 uses the ART indexes (schema.sql). Rows with kind 'finding' carry a finding id in payload.
WITH days AS MATERIALIZED (SELECT day, kind, payload FROM profile_days WHERE imsi = $imsi),
     hits1 AS MATERIALIZED (SELECT finding_id FROM finding_subjects WHERE value = $value1),
     hits2 AS MATERIALIZED (SELECT finding_id FROM finding_subjects WHERE value = $value2),
     hits3 AS MATERIALIZED (SELECT finding_id FROM finding_subjects WHERE value = $value3)
SELECT day::VARCHAR AS day, kind, payload FROM days
UNION ALL SELECT NULL, 'finding', finding_id FROM hits1
UNION ALL SELECT NULL, 'finding', finding_id FROM hits2
UNION ALL SELECT NULL, 'finding', finding_id FROM hits3;
