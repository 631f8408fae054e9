-- @internal
-- @description Every reference cell's site, province and district (store/cellDirectory.ts keeps them in memory).
SELECT cell_id, site_id, province, district FROM cells;
