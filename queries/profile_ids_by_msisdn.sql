-- @internal
-- @description The IMSIs (and operators) a number was seen on.
SELECT DISTINCT imsi, msisdn, operator FROM daily_features WHERE msisdn = $value ORDER BY imsi;
