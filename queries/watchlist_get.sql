-- @internal
-- @description One watchlist entry.
SELECT kind, value, reason, case_reference, added_by, added_ms FROM watchlist WHERE kind = $kind AND value = $value;
