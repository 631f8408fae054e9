-- @internal
-- @description Watchlist entries, optionally of one case (the engine's watchlist detector reads them all).
SELECT kind, value, reason, case_reference, added_by, added_ms
FROM watchlist
WHERE $case_reference::VARCHAR IS NULL OR case_reference = $case_reference::VARCHAR
ORDER BY added_ms, kind, value;
