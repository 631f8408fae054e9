-- @internal
-- @description Every profile_days row of one IMSI (index scan: the lone equality filter sits in a
-- MATERIALIZED CTE, the shape for which DuckDB 1.5 uses the ART index, see schema.sql).
WITH found AS MATERIALIZED (SELECT day, kind, payload FROM profile_days WHERE imsi = $imsi)
SELECT day::VARCHAR AS day, kind, payload FROM found;
