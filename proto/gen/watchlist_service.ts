import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ListValue as _google_protobuf_ListValue, ListValue__Output as _google_protobuf_ListValue__Output } from './google/protobuf/ListValue.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from './google/protobuf/Struct.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp.js';
import type { Value as _google_protobuf_Value, Value__Output as _google_protobuf_Value__Output } from './google/protobuf/Value.js';
import type { AddWatchlistEntryRequest as _telsentry_v1_AddWatchlistEntryRequest, AddWatchlistEntryRequest__Output as _telsentry_v1_AddWatchlistEntryRequest__Output } from './telsentry/v1/AddWatchlistEntryRequest.js';
import type { AddWatchlistEntryResponse as _telsentry_v1_AddWatchlistEntryResponse, AddWatchlistEntryResponse__Output as _telsentry_v1_AddWatchlistEntryResponse__Output } from './telsentry/v1/AddWatchlistEntryResponse.js';
import type { Finding as _telsentry_v1_Finding, Finding__Output as _telsentry_v1_Finding__Output } from './telsentry/v1/Finding.js';
import type { ListWatchlistEntriesRequest as _telsentry_v1_ListWatchlistEntriesRequest, ListWatchlistEntriesRequest__Output as _telsentry_v1_ListWatchlistEntriesRequest__Output } from './telsentry/v1/ListWatchlistEntriesRequest.js';
import type { ListWatchlistEntriesResponse as _telsentry_v1_ListWatchlistEntriesResponse, ListWatchlistEntriesResponse__Output as _telsentry_v1_ListWatchlistEntriesResponse__Output } from './telsentry/v1/ListWatchlistEntriesResponse.js';
import type { RemoveWatchlistEntryRequest as _telsentry_v1_RemoveWatchlistEntryRequest, RemoveWatchlistEntryRequest__Output as _telsentry_v1_RemoveWatchlistEntryRequest__Output } from './telsentry/v1/RemoveWatchlistEntryRequest.js';
import type { RemoveWatchlistEntryResponse as _telsentry_v1_RemoveWatchlistEntryResponse, RemoveWatchlistEntryResponse__Output as _telsentry_v1_RemoveWatchlistEntryResponse__Output } from './telsentry/v1/RemoveWatchlistEntryResponse.js';
import type { Subject as _telsentry_v1_Subject, Subject__Output as _telsentry_v1_Subject__Output } from './telsentry/v1/Subject.js';
import type { WatchlistEntry as _telsentry_v1_WatchlistEntry, WatchlistEntry__Output as _telsentry_v1_WatchlistEntry__Output } from './telsentry/v1/WatchlistEntry.js';
import type { WatchlistServiceClient as _telsentry_v1_WatchlistServiceClient, WatchlistServiceDefinition as _telsentry_v1_WatchlistServiceDefinition } from './telsentry/v1/WatchlistService.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    protobuf: {
      ListValue: MessageTypeDefinition<_google_protobuf_ListValue, _google_protobuf_ListValue__Output>
      NullValue: EnumTypeDefinition
      Struct: MessageTypeDefinition<_google_protobuf_Struct, _google_protobuf_Struct__Output>
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
      Value: MessageTypeDefinition<_google_protobuf_Value, _google_protobuf_Value__Output>
    }
  }
  telsentry: {
    v1: {
      AddWatchlistEntryRequest: MessageTypeDefinition<_telsentry_v1_AddWatchlistEntryRequest, _telsentry_v1_AddWatchlistEntryRequest__Output>
      AddWatchlistEntryResponse: MessageTypeDefinition<_telsentry_v1_AddWatchlistEntryResponse, _telsentry_v1_AddWatchlistEntryResponse__Output>
      Finding: MessageTypeDefinition<_telsentry_v1_Finding, _telsentry_v1_Finding__Output>
      FindingStatus: EnumTypeDefinition
      FindingType: EnumTypeDefinition
      ListWatchlistEntriesRequest: MessageTypeDefinition<_telsentry_v1_ListWatchlistEntriesRequest, _telsentry_v1_ListWatchlistEntriesRequest__Output>
      ListWatchlistEntriesResponse: MessageTypeDefinition<_telsentry_v1_ListWatchlistEntriesResponse, _telsentry_v1_ListWatchlistEntriesResponse__Output>
      RemoveWatchlistEntryRequest: MessageTypeDefinition<_telsentry_v1_RemoveWatchlistEntryRequest, _telsentry_v1_RemoveWatchlistEntryRequest__Output>
      RemoveWatchlistEntryResponse: MessageTypeDefinition<_telsentry_v1_RemoveWatchlistEntryResponse, _telsentry_v1_RemoveWatchlistEntryResponse__Output>
      Severity: EnumTypeDefinition
      Subject: MessageTypeDefinition<_telsentry_v1_Subject, _telsentry_v1_Subject__Output>
      SubjectKind: EnumTypeDefinition
      WatchlistEntry: MessageTypeDefinition<_telsentry_v1_WatchlistEntry, _telsentry_v1_WatchlistEntry__Output>
      WatchlistService: SubtypeConstructor<typeof grpc.Client, _telsentry_v1_WatchlistServiceClient> & { service: _telsentry_v1_WatchlistServiceDefinition }
    }
  }
}

