-- @internal
-- @description Before late records are written: removes stored rows with the same operator and
-- record_id, so records read again after a crash (the engine resumes from its last checkpoint and
-- finds them late again) replace instead of doubling. $keys holds "operator/record_id" strings.
DELETE FROM late_records
WHERE record_id IN (SELECT unnest($record_ids::VARCHAR[]))
  AND operator || '/' || record_id IN (SELECT unnest($keys::VARCHAR[]));
