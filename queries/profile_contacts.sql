-- @internal
-- @description The numbers one IMSI talked to most (calls, then SMS, then talk time) from a day on.
SELECT contact AS number, sum(calls_out)::BIGINT AS calls_out, sum(calls_in)::BIGINT AS calls_in,
       sum(sms_out)::BIGINT AS sms_out, sum(sms_in)::BIGINT AS sms_in, sum(duration_s) AS duration_s,
       count(DISTINCT day)::BIGINT AS days
FROM daily_contacts
WHERE imsi = $imsi AND day >= $since::DATE
GROUP BY contact
ORDER BY sum(calls_out) + sum(calls_in) DESC, sum(sms_out) + sum(sms_in) DESC, sum(duration_s) DESC, contact
LIMIT $limit::INTEGER;
