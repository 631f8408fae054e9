-- @internal
-- @description Ids of the findings about one value (index scan of finding_subjects, see schema.sql).
WITH hits AS MATERIALIZED (SELECT finding_id FROM finding_subjects WHERE value = $value)
SELECT DISTINCT finding_id FROM hits;
