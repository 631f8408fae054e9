-- @internal
-- @description The SIMs seen in one device (index scan on imei, see schema.sql).
WITH seen AS MATERIALIZED (SELECT imsi, msisdn, operator FROM daily_devices WHERE imei = $value)
SELECT DISTINCT imsi, msisdn, operator FROM seen ORDER BY imsi, msisdn, operator;
