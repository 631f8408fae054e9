-- @internal
-- @description True when daily tables hold rows but profile_days is empty (a store from before it existed).
SELECT NOT EXISTS (SELECT 1 FROM profile_days)
       AND (EXISTS (SELECT 1 FROM daily_features) OR EXISTS (SELECT 1 FROM daily_contacts)
            OR EXISTS (SELECT 1 FROM daily_cells) OR EXISTS (SELECT 1 FROM daily_devices)) AS missing;
