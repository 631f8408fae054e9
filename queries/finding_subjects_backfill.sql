-- @internal
-- @description Fills finding_subjects from findings when the table is new (a store written before
-- it existed); a no-op once it holds rows or when there are no findings.
INSERT INTO finding_subjects (value, finding_id)
SELECT DISTINCT value, id
FROM (
  SELECT id, unnest(list_prepend(subject_value, coalesce(json_extract_string(related, '$[*].value'), []::VARCHAR[]))) AS value
  FROM findings
  WHERE NOT EXISTS (SELECT 1 FROM finding_subjects)
)
WHERE value IS NOT NULL AND value <> '';
