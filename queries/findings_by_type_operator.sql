-- @description Findings counted by type, severity, operator and province (aggregate: no subscriber identities).
-- @param from_ms timestamp_ms optional detected at or after this time
-- @param to_ms timestamp_ms optional detected before this time
-- @param operator string optional only this operator (forced to the caller's own for the operator role)
-- @roles operator, investigator, analyst, admin
-- @scope operator
SELECT type, severity, operator, province, count(*) AS findings, max(score) AS max_score
FROM findings
WHERE ($from_ms::BIGINT IS NULL OR detected_ms >= $from_ms::BIGINT)
  AND ($to_ms::BIGINT IS NULL OR detected_ms < $to_ms::BIGINT)
  AND ($operator::VARCHAR IS NULL OR operator = $operator::VARCHAR)
GROUP BY ALL
ORDER BY findings DESC, type, severity, operator, province;
