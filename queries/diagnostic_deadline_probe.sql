-- @description Admin diagnostic: a long computation (billions of rows by default) to check that a client deadline interrupts DuckDB.
-- @param rows int optional how many rows to generate (default 5 billion)
-- @roles admin
SELECT count(*) AS n, sum(x % 7) AS s FROM range(coalesce($rows::BIGINT, 5000000000)) t(x);
