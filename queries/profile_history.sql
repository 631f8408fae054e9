-- @internal
-- @description The newest $days days of one IMSI's daily features (newest first). Relative to the
-- data, not the wall clock, so replayed history is found too.
SELECT day::VARCHAR AS day, imsi, msisdn, operator, mo_voice, mt_voice, mo_voice_answered, mo_duration_s,
       mo_sms, mt_sms, data_sessions, data_bytes, night_mo_voice, intl_mo_voice, distinct_callees,
       distinct_cells, distinct_imeis, callees_no_callback
FROM daily_features
WHERE imsi = $imsi
ORDER BY day DESC, msisdn
LIMIT $days::INTEGER;
