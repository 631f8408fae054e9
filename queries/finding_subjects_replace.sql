-- @internal
-- @description After a merge: the subject and related values of every staged id, as merged (a
-- stale version that lost the merge keeps its old rows' values, which are re-derived here too).
DELETE FROM finding_subjects WHERE finding_id IN (SELECT id FROM findings_staging);
INSERT INTO finding_subjects (value, finding_id)
SELECT DISTINCT value, id
FROM (
  SELECT id, unnest(list_prepend(subject_value, coalesce(json_extract_string(related, '$[*].value'), []::VARCHAR[]))) AS value
  FROM findings
  WHERE id IN (SELECT id FROM findings_staging)
)
WHERE value IS NOT NULL AND value <> '';
