-- @internal
-- @description Before daily_cells rows of one local day are written: removes that day's rows of
-- the same subscribers, so a day written again (replay after a crash) replaces instead of doubling.
DELETE FROM daily_cells
WHERE day = $day::DATE
  AND imsi IN (SELECT unnest($imsis::VARCHAR[]));
