// Original file: proto/telsentry/v1/watchlist_service.proto


export interface ListWatchlistEntriesRequest {
  'case_reference'?: (string);
}

export interface ListWatchlistEntriesRequest__Output {
  'case_reference': (string);
}
