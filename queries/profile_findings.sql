-- @internal
-- @description Findings about any of a subscriber's identities, as subject or as related subject.
SELECT id, type, severity, score, subject_kind, subject_value, related::VARCHAR AS related,
       operator, province, district, first_event_at, detected_at, evidence::VARCHAR AS evidence,
       detector, version, status, status_by, status_reason, status_ms, detected_ms
FROM findings
WHERE list_contains($values::VARCHAR[], subject_value)
   OR list_has_any(json_extract_string(related, '$[*].value'), $values::VARCHAR[])
ORDER BY detected_ms DESC, id DESC
LIMIT 100;
