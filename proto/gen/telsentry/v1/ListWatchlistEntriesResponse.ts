// Original file: proto/telsentry/v1/watchlist_service.proto

import type { WatchlistEntry as _telsentry_v1_WatchlistEntry, WatchlistEntry__Output as _telsentry_v1_WatchlistEntry__Output } from '../../telsentry/v1/WatchlistEntry.js';

export interface ListWatchlistEntriesResponse {
  'entries'?: (_telsentry_v1_WatchlistEntry)[];
}

export interface ListWatchlistEntriesResponse__Output {
  'entries': (_telsentry_v1_WatchlistEntry__Output)[];
}
