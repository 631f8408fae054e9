-- @internal
-- @description The numbers (and operator) an IMSI was seen with (index scan on imsi, see schema.sql).
WITH seen AS MATERIALIZED (SELECT imsi, msisdn, operator FROM daily_features WHERE imsi = $value)
SELECT DISTINCT imsi, msisdn, operator FROM seen ORDER BY msisdn, operator;
