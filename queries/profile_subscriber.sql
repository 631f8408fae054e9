-- @internal
-- @description One IMSI's stored profile in one statement, as lists: its newest $days days of daily
-- features and, from the oldest of those days on, its top $limit contacts (calls, then SMS, then
-- talk time), its cells with site, province and district, and its devices. Each daily table is read
-- in a MATERIALIZED CTE whose only filter is `imsi = $imsi`: the shape for which DuckDB 1.5 uses the
-- ART index (schema.sql); sorting, limits and the day filter come after.
WITH
  features AS MATERIALIZED (SELECT * FROM daily_features WHERE imsi = $imsi),
  contact_days AS MATERIALIZED (SELECT * FROM daily_contacts WHERE imsi = $imsi),
  cell_days AS MATERIALIZED (SELECT * FROM daily_cells WHERE imsi = $imsi),
  device_days AS MATERIALIZED (SELECT * FROM daily_devices WHERE imsi = $imsi),
  history AS (
    SELECT day::VARCHAR AS day, imsi, msisdn, operator, mo_voice, mt_voice, mo_voice_answered, mo_duration_s,
           mo_sms, mt_sms, data_sessions, data_bytes, night_mo_voice, intl_mo_voice, distinct_callees,
           distinct_cells, distinct_imeis, callees_no_callback
    FROM features
    ORDER BY features.day DESC, msisdn
    LIMIT $days::INTEGER
  ),
  since AS (SELECT coalesce(min(day), '1970-01-01')::DATE AS day FROM history),
  top_contacts AS (
    SELECT contact AS number, sum(calls_out)::BIGINT AS calls_out, sum(calls_in)::BIGINT AS calls_in,
           sum(sms_out)::BIGINT AS sms_out, sum(sms_in)::BIGINT AS sms_in, sum(duration_s) AS duration_s,
           count(DISTINCT day)::BIGINT AS days
    FROM contact_days
    WHERE day >= (SELECT day FROM since)
    GROUP BY contact
    ORDER BY sum(calls_out) + sum(calls_in) DESC, sum(sms_out) + sum(sms_in) DESC, sum(duration_s) DESC, contact
    LIMIT $limit::INTEGER
  ),
  used_cells AS (
    SELECT cell_id, sum(events)::BIGINT AS events, min(day)::VARCHAR AS first_day, max(day)::VARCHAR AS last_day
    FROM cell_days
    WHERE day >= (SELECT day FROM since)
    GROUP BY cell_id
    ORDER BY events DESC, cell_id
    LIMIT 200
  ),
  located_cells AS (
    SELECT u.cell_id, coalesce(c.site_id, '') AS site_id, coalesce(c.province, '') AS province,
           coalesce(c.district, '') AS district, u.events, u.first_day, u.last_day
    FROM used_cells u LEFT JOIN cells c ON c.cell_id = u.cell_id
  ),
  devices AS (
    SELECT imei, imsi, sum(events)::BIGINT AS events, min(day)::VARCHAR AS first_day, max(day)::VARCHAR AS last_day
    FROM device_days
    WHERE day >= (SELECT day FROM since)
    GROUP BY imei, imsi
    ORDER BY events DESC, imei
    LIMIT 100
  )
SELECT
  (SELECT coalesce(list(h ORDER BY h.day, h.msisdn), []) FROM history h) AS history,
  (SELECT coalesce(list(t ORDER BY t.calls_out + t.calls_in DESC, t.sms_out + t.sms_in DESC, t.duration_s DESC, t.number), []) FROM top_contacts t) AS contacts,
  (SELECT coalesce(list(l ORDER BY l.events DESC, l.cell_id), []) FROM located_cells l) AS cells,
  (SELECT coalesce(list(d ORDER BY d.events DESC, d.imei), []) FROM devices d) AS devices;
