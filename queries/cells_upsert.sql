-- @internal
-- @description Reference cells from the side feed; a repeated cell_id replaces the old row.
INSERT OR REPLACE INTO cells (cell_id, site_id, lat, lon, province, district)
VALUES ($cell_id, $site_id, $lat::DOUBLE, $lon::DOUBLE, $province, $district);
