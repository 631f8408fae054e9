// Original file: proto/telsentry/v1/watchlist_service.proto


export interface RemoveWatchlistEntryResponse {
  'removed'?: (boolean);
}

export interface RemoveWatchlistEntryResponse__Output {
  'removed': (boolean);
}
