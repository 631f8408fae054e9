// Original file: proto/telsentry/v1/watchlist_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AddWatchlistEntryRequest as _telsentry_v1_AddWatchlistEntryRequest, AddWatchlistEntryRequest__Output as _telsentry_v1_AddWatchlistEntryRequest__Output } from '../../telsentry/v1/AddWatchlistEntryRequest.js';
import type { AddWatchlistEntryResponse as _telsentry_v1_AddWatchlistEntryResponse, AddWatchlistEntryResponse__Output as _telsentry_v1_AddWatchlistEntryResponse__Output } from '../../telsentry/v1/AddWatchlistEntryResponse.js';
import type { ListWatchlistEntriesRequest as _telsentry_v1_ListWatchlistEntriesRequest, ListWatchlistEntriesRequest__Output as _telsentry_v1_ListWatchlistEntriesRequest__Output } from '../../telsentry/v1/ListWatchlistEntriesRequest.js';
import type { ListWatchlistEntriesResponse as _telsentry_v1_ListWatchlistEntriesResponse, ListWatchlistEntriesResponse__Output as _telsentry_v1_ListWatchlistEntriesResponse__Output } from '../../telsentry/v1/ListWatchlistEntriesResponse.js';
import type { RemoveWatchlistEntryRequest as _telsentry_v1_RemoveWatchlistEntryRequest, RemoveWatchlistEntryRequest__Output as _telsentry_v1_RemoveWatchlistEntryRequest__Output } from '../../telsentry/v1/RemoveWatchlistEntryRequest.js';
import type { RemoveWatchlistEntryResponse as _telsentry_v1_RemoveWatchlistEntryResponse, RemoveWatchlistEntryResponse__Output as _telsentry_v1_RemoveWatchlistEntryResponse__Output } from '../../telsentry/v1/RemoveWatchlistEntryResponse.js';

export interface WatchlistServiceClient extends grpc.Client {
  AddWatchlistEntry(argument: _telsentry_v1_AddWatchlistEntryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_AddWatchlistEntryResponse__Output>): grpc.ClientUnaryCall;
  AddWatchlistEntry(argument: _telsentry_v1_AddWatchlistEntryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_telsentry_v1_AddWatchlistEntryResponse__Output>): grpc.ClientUnaryCall;
  AddWatchlistEntry(argument: _telsentry_v1_AddWatchlistEntryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_AddWatchlistEntryResponse__Output>): grpc.ClientUnaryCall;
  AddWatchlistEntry(argument: _telsentry_v1_AddWatchlistEntryRequest, callback: grpc.requestCallback<_telsentry_v1_AddWatchlistEntryResponse__Output>): grpc.ClientUnaryCall;
  addWatchlistEntry(argument: _telsentry_v1_AddWatchlistEntryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_AddWatchlistEntryResponse__Output>): grpc.ClientUnaryCall;
  addWatchlistEntry(argument: _telsentry_v1_AddWatchlistEntryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_telsentry_v1_AddWatchlistEntryResponse__Output>): grpc.ClientUnaryCall;
  addWatchlistEntry(argument: _telsentry_v1_AddWatchlistEntryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_AddWatchlistEntryResponse__Output>): grpc.ClientUnaryCall;
  addWatchlistEntry(argument: _telsentry_v1_AddWatchlistEntryRequest, callback: grpc.requestCallback<_telsentry_v1_AddWatchlistEntryResponse__Output>): grpc.ClientUnaryCall;
  
  ListWatchlistEntries(argument: _telsentry_v1_ListWatchlistEntriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_ListWatchlistEntriesResponse__Output>): grpc.ClientUnaryCall;
  ListWatchlistEntries(argument: _telsentry_v1_ListWatchlistEntriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_telsentry_v1_ListWatchlistEntriesResponse__Output>): grpc.ClientUnaryCall;
  ListWatchlistEntries(argument: _telsentry_v1_ListWatchlistEntriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_ListWatchlistEntriesResponse__Output>): grpc.ClientUnaryCall;
  ListWatchlistEntries(argument: _telsentry_v1_ListWatchlistEntriesRequest, callback: grpc.requestCallback<_telsentry_v1_ListWatchlistEntriesResponse__Output>): grpc.ClientUnaryCall;
  listWatchlistEntries(argument: _telsentry_v1_ListWatchlistEntriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_ListWatchlistEntriesResponse__Output>): grpc.ClientUnaryCall;
  listWatchlistEntries(argument: _telsentry_v1_ListWatchlistEntriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_telsentry_v1_ListWatchlistEntriesResponse__Output>): grpc.ClientUnaryCall;
  listWatchlistEntries(argument: _telsentry_v1_ListWatchlistEntriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_ListWatchlistEntriesResponse__Output>): grpc.ClientUnaryCall;
  listWatchlistEntries(argument: _telsentry_v1_ListWatchlistEntriesRequest, callback: grpc.requestCallback<_telsentry_v1_ListWatchlistEntriesResponse__Output>): grpc.ClientUnaryCall;
  
  RemoveWatchlistEntry(argument: _telsentry_v1_RemoveWatchlistEntryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_RemoveWatchlistEntryResponse__Output>): grpc.ClientUnaryCall;
  RemoveWatchlistEntry(argument: _telsentry_v1_RemoveWatchlistEntryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_telsentry_v1_RemoveWatchlistEntryResponse__Output>): grpc.ClientUnaryCall;
  RemoveWatchlistEntry(argument: _telsentry_v1_RemoveWatchlistEntryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_RemoveWatchlistEntryResponse__Output>): grpc.ClientUnaryCall;
  RemoveWatchlistEntry(argument: _telsentry_v1_RemoveWatchlistEntryRequest, callback: grpc.requestCallback<_telsentry_v1_RemoveWatchlistEntryResponse__Output>): grpc.ClientUnaryCall;
  removeWatchlistEntry(argument: _telsentry_v1_RemoveWatchlistEntryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_RemoveWatchlistEntryResponse__Output>): grpc.ClientUnaryCall;
  removeWatchlistEntry(argument: _telsentry_v1_RemoveWatchlistEntryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_telsentry_v1_RemoveWatchlistEntryResponse__Output>): grpc.ClientUnaryCall;
  removeWatchlistEntry(argument: _telsentry_v1_RemoveWatchlistEntryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_RemoveWatchlistEntryResponse__Output>): grpc.ClientUnaryCall;
  removeWatchlistEntry(argument: _telsentry_v1_RemoveWatchlistEntryRequest, callback: grpc.requestCallback<_telsentry_v1_RemoveWatchlistEntryResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface WatchlistServiceHandlers extends grpc.UntypedServiceImplementation {
  AddWatchlistEntry: grpc.handleUnaryCall<_telsentry_v1_AddWatchlistEntryRequest__Output, _telsentry_v1_AddWatchlistEntryResponse>;
  
  ListWatchlistEntries: grpc.handleUnaryCall<_telsentry_v1_ListWatchlistEntriesRequest__Output, _telsentry_v1_ListWatchlistEntriesResponse>;
  
  RemoveWatchlistEntry: grpc.handleUnaryCall<_telsentry_v1_RemoveWatchlistEntryRequest__Output, _telsentry_v1_RemoveWatchlistEntryResponse>;
  
}

export interface WatchlistServiceDefinition extends grpc.ServiceDefinition {
  AddWatchlistEntry: MethodDefinition<_telsentry_v1_AddWatchlistEntryRequest, _telsentry_v1_AddWatchlistEntryResponse, _telsentry_v1_AddWatchlistEntryRequest__Output, _telsentry_v1_AddWatchlistEntryResponse__Output>
  ListWatchlistEntries: MethodDefinition<_telsentry_v1_ListWatchlistEntriesRequest, _telsentry_v1_ListWatchlistEntriesResponse, _telsentry_v1_ListWatchlistEntriesRequest__Output, _telsentry_v1_ListWatchlistEntriesResponse__Output>
  RemoveWatchlistEntry: MethodDefinition<_telsentry_v1_RemoveWatchlistEntryRequest, _telsentry_v1_RemoveWatchlistEntryResponse, _telsentry_v1_RemoveWatchlistEntryRequest__Output, _telsentry_v1_RemoveWatchlistEntryResponse__Output>
}
