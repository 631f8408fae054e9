-- @internal
-- @description Empties the appender staging table (inside the upsert transaction).
DELETE FROM findings_staging;
