-- @description Records that arrived after the allowed lateness (kept, not applied to windows): raw records.
-- @param operator string optional only this operator (forced to the caller's own for the operator role)
-- @param min_late_ms int optional only records at least this late
-- @roles operator, admin
-- @scope operator
SELECT record_id, operator, make_timestamp(start_ms * 1000) AS start_time, imsi, event, direction, caller, callee,
       received_late_by_ms
FROM late_records
WHERE ($operator::VARCHAR IS NULL OR operator = $operator::VARCHAR)
  AND ($min_late_ms::BIGINT IS NULL OR received_late_by_ms >= $min_late_ms::BIGINT)
ORDER BY start_ms DESC, record_id;
