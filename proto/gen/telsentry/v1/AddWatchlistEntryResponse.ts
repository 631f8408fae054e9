// Original file: proto/telsentry/v1/watchlist_service.proto

import type { WatchlistEntry as _telsentry_v1_WatchlistEntry, WatchlistEntry__Output as _telsentry_v1_WatchlistEntry__Output } from '../../telsentry/v1/WatchlistEntry.js';

export interface AddWatchlistEntryResponse {
  'entry'?: (_telsentry_v1_WatchlistEntry | null);
  'created'?: (boolean);
}

export interface AddWatchlistEntryResponse__Output {
  'entry': (_telsentry_v1_WatchlistEntry__Output | null);
  'created': (boolean);
}
