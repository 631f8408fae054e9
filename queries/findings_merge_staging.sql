-- @internal
-- @description Merges the staged batch into findings: latest version per id wins (highest
-- detected_ms, then last in the batch); an analyst's status survives a re-raise.
INSERT INTO findings (id, type, severity, severity_rank, score, subject_kind, subject_value, related,
                      operator, province, district, first_event_at, first_event_ms, detected_at,
                      detected_ms, evidence, detector, version, stored_ms)
SELECT id, type, severity, severity_rank, score, subject_kind, subject_value, related::JSON,
       operator, province, district, first_event_at, first_event_ms, detected_at,
       detected_ms, evidence::JSON, detector, 1, $stored_ms
FROM findings_staging
QUALIFY row_number() OVER (PARTITION BY id ORDER BY detected_ms DESC, seq DESC) = 1
ON CONFLICT (id) DO UPDATE SET
  type = excluded.type, severity = excluded.severity, severity_rank = excluded.severity_rank,
  score = excluded.score, subject_kind = excluded.subject_kind, subject_value = excluded.subject_value,
  related = excluded.related, operator = excluded.operator, province = excluded.province,
  district = excluded.district, first_event_at = excluded.first_event_at,
  first_event_ms = excluded.first_event_ms, detected_at = excluded.detected_at,
  detected_ms = excluded.detected_ms, evidence = excluded.evidence, detector = excluded.detector,
  version = findings.version + 1, stored_ms = excluded.stored_ms
WHERE excluded.detected_ms >= findings.detected_ms;
