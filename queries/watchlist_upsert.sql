-- @internal
-- @description Puts a subject on the watchlist (replacing an older entry for it); returns whether it is new.
INSERT INTO watchlist (kind, value, reason, case_reference, added_by, added_ms)
VALUES ($kind, $value, $reason, $case_reference, $added_by, $added_ms::BIGINT)
ON CONFLICT (kind, value) DO UPDATE SET
  reason = excluded.reason, case_reference = excluded.case_reference,
  added_by = excluded.added_by, added_ms = excluded.added_ms;
