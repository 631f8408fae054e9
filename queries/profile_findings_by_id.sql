-- @internal
-- @description Findings by id (the ids a profile lookup found in finding_subjects), newest first.
SELECT id, type, severity, score, subject_kind, subject_value, related::VARCHAR AS related,
       operator, province, district, first_event_at, detected_at, evidence::VARCHAR AS evidence,
       detector, version, status, status_by, status_reason, status_ms, detected_ms
FROM findings
WHERE id IN (SELECT unnest($ids::VARCHAR[]))
ORDER BY detected_ms DESC, id DESC
LIMIT $limit::INTEGER;
