-- @internal
-- @description Audit rows in chain order, one page after a sequence number (for verification).
SELECT seq, at_ms, principal, role, action, subject_kind, subject_value, case_reference, detail, prev_hash, hash
FROM audit_log
WHERE seq > $after_seq::BIGINT
ORDER BY seq
LIMIT $limit::INTEGER;
