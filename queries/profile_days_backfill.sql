-- @internal
-- @description Fills profile_days from the daily tables, for a store written before it existed
-- (run at open, in one transaction, only when profile_days_missing says so). Payload field order
-- as in store/profileDays.ts.
INSERT INTO profile_days
SELECT imsi, day, 'features', json_group_array(json_array(msisdn, operator, mo_voice, mt_voice, mo_voice_answered, mo_duration_s,
       mo_sms, mt_sms, data_sessions, data_bytes, night_mo_voice, intl_mo_voice, distinct_callees, distinct_cells, distinct_imeis,
       callees_no_callback))::VARCHAR
FROM daily_features GROUP BY imsi, day;
INSERT INTO profile_days
SELECT imsi, day, 'contacts', json_group_array(json_array(msisdn, operator, contact, calls_out, calls_in, sms_out, sms_in, duration_s))::VARCHAR
FROM daily_contacts GROUP BY imsi, day;
INSERT INTO profile_days
SELECT imsi, day, 'cells', json_group_array(json_array(msisdn, operator, cell_id, events))::VARCHAR
FROM daily_cells GROUP BY imsi, day;
INSERT INTO profile_days
SELECT imsi, day, 'devices', json_group_array(json_array(msisdn, operator, imei, events))::VARCHAR
FROM daily_devices GROUP BY imsi, day;
