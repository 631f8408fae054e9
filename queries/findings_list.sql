-- @internal
-- @description Findings matching the filter, newest first, keyset-paged on (detected_ms, id).
-- A NULL parameter means "no filter on this column".
SELECT id, type, severity, score, subject_kind, subject_value, related::VARCHAR AS related,
       operator, province, district, first_event_at, detected_at, evidence::VARCHAR AS evidence,
       detector, version, status, status_by, status_reason, status_ms, detected_ms
FROM findings
WHERE ($types::VARCHAR[] IS NULL OR list_contains($types::VARCHAR[], type))
  AND ($severities::VARCHAR[] IS NULL OR list_contains($severities::VARCHAR[], severity))
  AND ($min_severity_rank::TINYINT IS NULL OR severity_rank >= $min_severity_rank::TINYINT)
  AND ($operators::VARCHAR[] IS NULL OR list_contains($operators::VARCHAR[], operator))
  AND ($provinces::VARCHAR[] IS NULL OR list_contains($provinces::VARCHAR[], province))
  AND ($statuses::VARCHAR[] IS NULL OR list_contains($statuses::VARCHAR[], status))
  AND ($subject_kind::VARCHAR IS NULL OR subject_kind = $subject_kind::VARCHAR)
  AND ($subject_value::VARCHAR IS NULL OR subject_value = $subject_value::VARCHAR)
  AND ($detected_from_ms::BIGINT IS NULL OR detected_ms >= $detected_from_ms::BIGINT)
  AND ($detected_to_ms::BIGINT IS NULL OR detected_ms < $detected_to_ms::BIGINT)
  AND ($after_detected_ms::BIGINT IS NULL
       OR detected_ms < $after_detected_ms::BIGINT
       OR (detected_ms = $after_detected_ms::BIGINT AND id < $after_id::VARCHAR))
ORDER BY detected_ms DESC, id DESC
LIMIT $limit::INTEGER;
