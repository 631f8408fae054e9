-- @internal
-- @description The newest audit row: where the hash chain continues.
SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1;
