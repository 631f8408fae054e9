-- @internal
-- @description Findings about any of a subscriber's identities, as subject or as related subject,
-- found through finding_subjects (one row per value) instead of parsing every finding's JSON.
WITH hits AS MATERIALIZED (
  SELECT DISTINCT finding_id FROM finding_subjects WHERE list_contains($values::VARCHAR[], value)
)
SELECT id, type, severity, score, subject_kind, subject_value, related::VARCHAR AS related,
       operator, province, district, first_event_at, detected_at, evidence::VARCHAR AS evidence,
       detector, version, status, status_by, status_reason, status_ms, detected_ms
FROM findings
WHERE id IN (SELECT finding_id FROM hits)
ORDER BY detected_ms DESC, id DESC
LIMIT 100;
