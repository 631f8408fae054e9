-- @internal
-- @description Before a daily table's rows of one local day are written: removes the profile_days
-- rows of that day, kind and subscribers (kept in step with the daily_*_delete queries).
DELETE FROM profile_days
WHERE day = $day::DATE
  AND kind = $kind
  AND imsi IN (SELECT unnest($imsis::VARCHAR[]));
