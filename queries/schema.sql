-- @internal
-- Schema of the telsentry DuckDB store, applied at every open (idempotent).
-- Times are kept twice where callers filter on them: the ISO-8601 text exactly as the
-- engine wrote it (so a finding reads back byte-identical) and epoch milliseconds for ranges.

CREATE TABLE IF NOT EXISTS findings (
  id              VARCHAR PRIMARY KEY,
  type            VARCHAR NOT NULL,
  severity        VARCHAR NOT NULL,
  severity_rank   TINYINT NOT NULL,      -- low 0 … critical 3, for "at least" filters
  score           DOUBLE NOT NULL,
  subject_kind    VARCHAR NOT NULL,
  subject_value   VARCHAR NOT NULL,
  related         JSON NOT NULL,
  operator        VARCHAR NOT NULL,
  province        VARCHAR NOT NULL,
  district        VARCHAR NOT NULL,
  first_event_at  VARCHAR NOT NULL,
  first_event_ms  BIGINT NOT NULL,
  detected_at     VARCHAR NOT NULL,
  detected_ms     BIGINT NOT NULL,
  evidence        JSON NOT NULL,
  detector        VARCHAR NOT NULL,
  version         INTEGER NOT NULL,      -- how many versions of this finding were stored
  stored_ms       BIGINT NOT NULL,       -- processing time of the last write
  status          VARCHAR NOT NULL DEFAULT 'open',
  status_by       VARCHAR,
  status_reason   VARCHAR,
  status_ms       BIGINT
);

-- Appender target for upsertFindings; emptied inside the same transaction that merges it.
CREATE TABLE IF NOT EXISTS findings_staging (
  seq             INTEGER NOT NULL,
  id              VARCHAR NOT NULL,
  type            VARCHAR NOT NULL,
  severity        VARCHAR NOT NULL,
  severity_rank   TINYINT NOT NULL,
  score           DOUBLE NOT NULL,
  subject_kind    VARCHAR NOT NULL,
  subject_value   VARCHAR NOT NULL,
  related         VARCHAR NOT NULL,
  operator        VARCHAR NOT NULL,
  province        VARCHAR NOT NULL,
  district        VARCHAR NOT NULL,
  first_event_at  VARCHAR NOT NULL,
  first_event_ms  BIGINT NOT NULL,
  detected_at     VARCHAR NOT NULL,
  detected_ms     BIGINT NOT NULL,
  evidence        VARCHAR NOT NULL,
  detector        VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS daily_features (
  day                  DATE NOT NULL,      -- local day in the configured zone
  operator             VARCHAR NOT NULL,
  imsi                 VARCHAR NOT NULL,
  msisdn               VARCHAR NOT NULL,
  mo_voice             UINTEGER NOT NULL,
  mt_voice             UINTEGER NOT NULL,
  mo_voice_answered    UINTEGER NOT NULL,
  mo_duration_s        DOUBLE NOT NULL,
  mo_sms               UINTEGER NOT NULL,
  mt_sms               UINTEGER NOT NULL,
  data_sessions        UINTEGER NOT NULL,
  data_bytes           DOUBLE NOT NULL,
  night_mo_voice       UINTEGER NOT NULL,
  intl_mo_voice        UINTEGER NOT NULL,
  distinct_callees     UINTEGER NOT NULL,
  distinct_cells       UINTEGER NOT NULL,
  distinct_imeis       UINTEGER NOT NULL,
  callees_no_callback  UINTEGER NOT NULL
);

-- Records later than the allowed lateness: kept for investigators, never applied to windows.
CREATE TABLE IF NOT EXISTS late_records (
  record_id            VARCHAR NOT NULL,
  operator             VARCHAR NOT NULL,
  start_ms             BIGINT NOT NULL,
  imsi                 VARCHAR NOT NULL,
  event                VARCHAR NOT NULL,
  direction            VARCHAR NOT NULL,
  caller               VARCHAR NOT NULL,
  callee               VARCHAR NOT NULL,
  received_late_by_ms  BIGINT NOT NULL
);

-- Per subscriber and local day: who they talked to, where, on which device. Written by the
-- engine when a day closes; read by the subscriber profile (top contacts, cells, devices).
CREATE TABLE IF NOT EXISTS daily_contacts (
  day        DATE NOT NULL,
  operator   VARCHAR NOT NULL,
  imsi       VARCHAR NOT NULL,
  msisdn     VARCHAR NOT NULL,
  contact    VARCHAR NOT NULL,
  calls_out  UINTEGER NOT NULL,
  calls_in   UINTEGER NOT NULL,
  sms_out    UINTEGER NOT NULL,
  sms_in     UINTEGER NOT NULL,
  duration_s DOUBLE NOT NULL
);

CREATE TABLE IF NOT EXISTS daily_cells (
  day      DATE NOT NULL,
  operator VARCHAR NOT NULL,
  imsi     VARCHAR NOT NULL,
  msisdn   VARCHAR NOT NULL,
  cell_id  VARCHAR NOT NULL,
  events   UINTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS daily_devices (
  day      DATE NOT NULL,
  operator VARCHAR NOT NULL,
  imsi     VARCHAR NOT NULL,
  msisdn   VARCHAR NOT NULL,
  imei     VARCHAR NOT NULL,
  events   UINTEGER NOT NULL
);

-- Reference data (Contract 1 side feed "cells"): province and district of each cell.
CREATE TABLE IF NOT EXISTS cells (
  cell_id  VARCHAR PRIMARY KEY,
  site_id  VARCHAR NOT NULL,
  lat      DOUBLE,
  lon      DOUBLE,
  province VARCHAR NOT NULL,
  district VARCHAR NOT NULL
);

-- Numbers under watch; the engine's watchlist detector reads the active rows.
CREATE TABLE IF NOT EXISTS watchlist (
  kind            VARCHAR NOT NULL,
  value           VARCHAR NOT NULL,
  reason          VARCHAR NOT NULL,
  case_reference  VARCHAR NOT NULL,
  added_by        VARCHAR NOT NULL,
  added_ms        BIGINT NOT NULL,
  PRIMARY KEY (kind, value)
);

-- Append-only, hash-chained: hash = sha256(prev_hash || canonical JSON of the row's fields).
CREATE TABLE IF NOT EXISTS audit_log (
  seq             BIGINT PRIMARY KEY,
  at_ms           BIGINT NOT NULL,
  principal       VARCHAR NOT NULL,
  role            VARCHAR NOT NULL,
  action          VARCHAR NOT NULL,
  subject_kind    VARCHAR NOT NULL,
  subject_value   VARCHAR NOT NULL,
  case_reference  VARCHAR NOT NULL,
  detail          VARCHAR NOT NULL,
  prev_hash       VARCHAR NOT NULL,
  hash            VARCHAR NOT NULL
);

-- Subject of a finding and every related subject's value, one row each: the profile finds a
-- subscriber's findings by an index scan here instead of parsing every finding's related JSON.
-- Rewritten for the merged ids in the same transaction as findings (findings_subjects_replace).
CREATE TABLE IF NOT EXISTS finding_subjects (
  value       VARCHAR NOT NULL,
  finding_id  VARCHAR NOT NULL
);

-- Per IMSI, day and daily table ("features", "contacts", "cells", "devices"): all of that
-- subscriber's rows of the table for the day, as a JSON array of arrays (field order in
-- store/profileDays.ts). The API's profile reads these few rows by index instead of fetching every
-- column of every row from four tables. Appended in the same transaction as the daily table.
CREATE TABLE IF NOT EXISTS profile_days (
  imsi     VARCHAR NOT NULL,
  day      DATE NOT NULL,
  kind     VARCHAR NOT NULL,
  payload  VARCHAR NOT NULL
);

-- Point lookups of one subscriber (the API's profile). DuckDB 1.5 uses an ART index only for a
-- lone equality filter on the indexed column, so the profile queries read in a MATERIALIZED CTE
-- `WHERE col = $value` and filter/sort afterwards (measured: bench/profile-lookup.ts).
CREATE INDEX IF NOT EXISTS profile_days_imsi ON profile_days (imsi);
CREATE INDEX IF NOT EXISTS daily_features_imsi ON daily_features (imsi);
CREATE INDEX IF NOT EXISTS daily_features_msisdn ON daily_features (msisdn);
CREATE INDEX IF NOT EXISTS daily_devices_imei ON daily_devices (imei);
CREATE INDEX IF NOT EXISTS finding_subjects_value ON finding_subjects (value);
