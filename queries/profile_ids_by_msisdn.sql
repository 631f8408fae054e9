-- @internal
-- @description The IMSIs (and operators) a number was seen on. The MATERIALIZED CTE keeps the lone
-- equality filter that lets DuckDB 1.5 use the msisdn index (schema.sql) instead of a full scan.
WITH seen AS MATERIALIZED (SELECT imsi, msisdn, operator FROM daily_features WHERE msisdn = $value)
SELECT DISTINCT imsi, msisdn, operator FROM seen ORDER BY imsi, msisdn, operator;
