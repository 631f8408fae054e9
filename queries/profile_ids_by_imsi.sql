-- @internal
-- @description The numbers (and operator) an IMSI was seen with.
SELECT DISTINCT imsi, msisdn, operator FROM daily_features WHERE imsi = $value ORDER BY msisdn;
