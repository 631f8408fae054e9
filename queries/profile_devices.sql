-- @internal
-- @description The devices (IMEIs) one IMSI was in from a day on.
SELECT imei, imsi, sum(events)::BIGINT AS events, min(day)::VARCHAR AS first_day, max(day)::VARCHAR AS last_day
FROM daily_devices
WHERE imsi = $imsi AND day >= $since::DATE
GROUP BY imei, imsi
ORDER BY events DESC, imei
LIMIT 100;
