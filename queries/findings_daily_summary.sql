-- @description Findings per UTC day of detection and type, with how many were confirmed and dismissed.
-- @param since date optional first day included (YYYY-MM-DD)
-- @param operator string optional only this operator (forced to the caller's own for the operator role)
-- @roles operator, investigator, analyst, admin
-- @scope operator
SELECT make_timestamp(detected_ms * 1000)::DATE AS day, type, count(*) AS findings,
       count(*) FILTER (WHERE status = 'confirmed') AS confirmed,
       count(*) FILTER (WHERE status = 'dismissed') AS dismissed
FROM findings
WHERE ($since::DATE IS NULL OR make_timestamp(detected_ms * 1000)::DATE >= $since::DATE)
  AND ($operator::VARCHAR IS NULL OR operator = $operator::VARCHAR)
GROUP BY ALL
ORDER BY day, type;
