-- @internal
-- @description The cells one IMSI used from a day on, with site, province and district from the reference cells.
SELECT d.cell_id, coalesce(c.site_id, '') AS site_id, coalesce(c.province, '') AS province,
       coalesce(c.district, '') AS district, sum(d.events)::BIGINT AS events,
       min(d.day)::VARCHAR AS first_day, max(d.day)::VARCHAR AS last_day
FROM daily_cells d LEFT JOIN cells c ON c.cell_id = d.cell_id
WHERE d.imsi = $imsi AND d.day >= $since::DATE
GROUP BY ALL
ORDER BY events DESC, d.cell_id
LIMIT 200;
