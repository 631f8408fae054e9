-- @internal
-- @description Records an analyst's verdict on a finding; returns the id when it exists.
UPDATE findings
SET status = $status, status_by = $status_by, status_reason = $status_reason, status_ms = $status_ms
WHERE id = $id
RETURNING id;
