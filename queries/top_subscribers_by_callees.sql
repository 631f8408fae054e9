-- @description Subscribers calling the most distinct numbers on one day, with their no-callback share: raw identities.
-- @param day date the local day (YYYY-MM-DD)
-- @param min_callees int optional at least this many distinct callees (default 50)
-- @param operator string optional only this operator
-- @roles investigator, admin
SELECT imsi, msisdn, operator, distinct_callees, mo_voice, mo_voice_answered,
       round(callees_no_callback / greatest(distinct_callees, 1), 3) AS no_callback_share,
       distinct_cells, distinct_imeis
FROM daily_features
WHERE day = $day::DATE
  AND distinct_callees >= coalesce($min_callees::BIGINT, 50)
  AND ($operator::VARCHAR IS NULL OR operator = $operator::VARCHAR)
ORDER BY distinct_callees DESC, imsi;
