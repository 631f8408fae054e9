import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp.js';
import type { ListQueriesRequest as _telsentry_v1_ListQueriesRequest, ListQueriesRequest__Output as _telsentry_v1_ListQueriesRequest__Output } from './telsentry/v1/ListQueriesRequest.js';
import type { ListQueriesResponse as _telsentry_v1_ListQueriesResponse, ListQueriesResponse__Output as _telsentry_v1_ListQueriesResponse__Output } from './telsentry/v1/ListQueriesResponse.js';
import type { QueryDescription as _telsentry_v1_QueryDescription, QueryDescription__Output as _telsentry_v1_QueryDescription__Output } from './telsentry/v1/QueryDescription.js';
import type { QueryParameter as _telsentry_v1_QueryParameter, QueryParameter__Output as _telsentry_v1_QueryParameter__Output } from './telsentry/v1/QueryParameter.js';
import type { QueryRow as _telsentry_v1_QueryRow, QueryRow__Output as _telsentry_v1_QueryRow__Output } from './telsentry/v1/QueryRow.js';
import type { QueryServiceClient as _telsentry_v1_QueryServiceClient, QueryServiceDefinition as _telsentry_v1_QueryServiceDefinition } from './telsentry/v1/QueryService.js';
import type { QueryValue as _telsentry_v1_QueryValue, QueryValue__Output as _telsentry_v1_QueryValue__Output } from './telsentry/v1/QueryValue.js';
import type { RunQueryRequest as _telsentry_v1_RunQueryRequest, RunQueryRequest__Output as _telsentry_v1_RunQueryRequest__Output } from './telsentry/v1/RunQueryRequest.js';
import type { RunQueryResponse as _telsentry_v1_RunQueryResponse, RunQueryResponse__Output as _telsentry_v1_RunQueryResponse__Output } from './telsentry/v1/RunQueryResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
  telsentry: {
    v1: {
      ListQueriesRequest: MessageTypeDefinition<_telsentry_v1_ListQueriesRequest, _telsentry_v1_ListQueriesRequest__Output>
      ListQueriesResponse: MessageTypeDefinition<_telsentry_v1_ListQueriesResponse, _telsentry_v1_ListQueriesResponse__Output>
      ParameterType: EnumTypeDefinition
      QueryDescription: MessageTypeDefinition<_telsentry_v1_QueryDescription, _telsentry_v1_QueryDescription__Output>
      QueryParameter: MessageTypeDefinition<_telsentry_v1_QueryParameter, _telsentry_v1_QueryParameter__Output>
      QueryRow: MessageTypeDefinition<_telsentry_v1_QueryRow, _telsentry_v1_QueryRow__Output>
      QueryService: SubtypeConstructor<typeof grpc.Client, _telsentry_v1_QueryServiceClient> & { service: _telsentry_v1_QueryServiceDefinition }
      QueryValue: MessageTypeDefinition<_telsentry_v1_QueryValue, _telsentry_v1_QueryValue__Output>
      RunQueryRequest: MessageTypeDefinition<_telsentry_v1_RunQueryRequest, _telsentry_v1_RunQueryRequest__Output>
      RunQueryResponse: MessageTypeDefinition<_telsentry_v1_RunQueryResponse, _telsentry_v1_RunQueryResponse__Output>
    }
  }
}

