-- @internal
-- @description Findings about one value (a subscriber's number, IMSI or IMEI), as subject or as
-- related subject, found by an index scan of finding_subjects instead of parsing every finding's JSON.
WITH hits AS MATERIALIZED (SELECT finding_id FROM finding_subjects WHERE value = $value)
SELECT id, type, severity, score, subject_kind, subject_value, related::VARCHAR AS related,
       operator, province, district, first_event_at, detected_at, evidence::VARCHAR AS evidence,
       detector, version, status, status_by, status_reason, status_ms, detected_ms
FROM findings
WHERE id IN (SELECT finding_id FROM hits)
ORDER BY detected_ms DESC, id DESC
LIMIT $limit::INTEGER;
