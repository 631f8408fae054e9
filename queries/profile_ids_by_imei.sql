-- @internal
-- @description The SIMs seen in one device.
SELECT DISTINCT imsi, msisdn, operator FROM daily_devices WHERE imei = $value ORDER BY imsi;
