-- @internal
-- @description Rows in daily_features (the profile benchmark checks that a kept store holds its world).
SELECT count(*)::BIGINT AS rows FROM daily_features;
