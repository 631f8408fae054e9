-- @internal
-- @description Takes a subject off the watchlist; returns the removed row.
DELETE FROM watchlist WHERE kind = $kind AND value = $value RETURNING kind;
