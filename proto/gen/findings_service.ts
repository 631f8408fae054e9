import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ListValue as _google_protobuf_ListValue, ListValue__Output as _google_protobuf_ListValue__Output } from './google/protobuf/ListValue.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from './google/protobuf/Struct.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp.js';
import type { Value as _google_protobuf_Value, Value__Output as _google_protobuf_Value__Output } from './google/protobuf/Value.js';
import type { Finding as _telsentry_v1_Finding, Finding__Output as _telsentry_v1_Finding__Output } from './telsentry/v1/Finding.js';
import type { FindingFilter as _telsentry_v1_FindingFilter, FindingFilter__Output as _telsentry_v1_FindingFilter__Output } from './telsentry/v1/FindingFilter.js';
import type { FindingsServiceClient as _telsentry_v1_FindingsServiceClient, FindingsServiceDefinition as _telsentry_v1_FindingsServiceDefinition } from './telsentry/v1/FindingsService.js';
import type { GetFindingRequest as _telsentry_v1_GetFindingRequest, GetFindingRequest__Output as _telsentry_v1_GetFindingRequest__Output } from './telsentry/v1/GetFindingRequest.js';
import type { GetFindingResponse as _telsentry_v1_GetFindingResponse, GetFindingResponse__Output as _telsentry_v1_GetFindingResponse__Output } from './telsentry/v1/GetFindingResponse.js';
import type { ListFindingsRequest as _telsentry_v1_ListFindingsRequest, ListFindingsRequest__Output as _telsentry_v1_ListFindingsRequest__Output } from './telsentry/v1/ListFindingsRequest.js';
import type { ListFindingsResponse as _telsentry_v1_ListFindingsResponse, ListFindingsResponse__Output as _telsentry_v1_ListFindingsResponse__Output } from './telsentry/v1/ListFindingsResponse.js';
import type { Subject as _telsentry_v1_Subject, Subject__Output as _telsentry_v1_Subject__Output } from './telsentry/v1/Subject.js';
import type { UpdateFindingStatusRequest as _telsentry_v1_UpdateFindingStatusRequest, UpdateFindingStatusRequest__Output as _telsentry_v1_UpdateFindingStatusRequest__Output } from './telsentry/v1/UpdateFindingStatusRequest.js';
import type { UpdateFindingStatusResponse as _telsentry_v1_UpdateFindingStatusResponse, UpdateFindingStatusResponse__Output as _telsentry_v1_UpdateFindingStatusResponse__Output } from './telsentry/v1/UpdateFindingStatusResponse.js';
import type { WatchFindingsRequest as _telsentry_v1_WatchFindingsRequest, WatchFindingsRequest__Output as _telsentry_v1_WatchFindingsRequest__Output } from './telsentry/v1/WatchFindingsRequest.js';
import type { WatchFindingsResponse as _telsentry_v1_WatchFindingsResponse, WatchFindingsResponse__Output as _telsentry_v1_WatchFindingsResponse__Output } from './telsentry/v1/WatchFindingsResponse.js';

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
      Finding: MessageTypeDefinition<_telsentry_v1_Finding, _telsentry_v1_Finding__Output>
      FindingFilter: MessageTypeDefinition<_telsentry_v1_FindingFilter, _telsentry_v1_FindingFilter__Output>
      FindingStatus: EnumTypeDefinition
      FindingType: EnumTypeDefinition
      FindingsService: SubtypeConstructor<typeof grpc.Client, _telsentry_v1_FindingsServiceClient> & { service: _telsentry_v1_FindingsServiceDefinition }
      GetFindingRequest: MessageTypeDefinition<_telsentry_v1_GetFindingRequest, _telsentry_v1_GetFindingRequest__Output>
      GetFindingResponse: MessageTypeDefinition<_telsentry_v1_GetFindingResponse, _telsentry_v1_GetFindingResponse__Output>
      ListFindingsRequest: MessageTypeDefinition<_telsentry_v1_ListFindingsRequest, _telsentry_v1_ListFindingsRequest__Output>
      ListFindingsResponse: MessageTypeDefinition<_telsentry_v1_ListFindingsResponse, _telsentry_v1_ListFindingsResponse__Output>
      Severity: EnumTypeDefinition
      Subject: MessageTypeDefinition<_telsentry_v1_Subject, _telsentry_v1_Subject__Output>
      SubjectKind: EnumTypeDefinition
      UpdateFindingStatusRequest: MessageTypeDefinition<_telsentry_v1_UpdateFindingStatusRequest, _telsentry_v1_UpdateFindingStatusRequest__Output>
      UpdateFindingStatusResponse: MessageTypeDefinition<_telsentry_v1_UpdateFindingStatusResponse, _telsentry_v1_UpdateFindingStatusResponse__Output>
      WatchFindingsRequest: MessageTypeDefinition<_telsentry_v1_WatchFindingsRequest, _telsentry_v1_WatchFindingsRequest__Output>
      WatchFindingsResponse: MessageTypeDefinition<_telsentry_v1_WatchFindingsResponse, _telsentry_v1_WatchFindingsResponse__Output>
    }
  }
}

