import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ListValue as _google_protobuf_ListValue, ListValue__Output as _google_protobuf_ListValue__Output } from './google/protobuf/ListValue.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from './google/protobuf/Struct.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp.js';
import type { Value as _google_protobuf_Value, Value__Output as _google_protobuf_Value__Output } from './google/protobuf/Value.js';
import type { Finding as _telsentry_v1_Finding, Finding__Output as _telsentry_v1_Finding__Output } from './telsentry/v1/Finding.js';
import type { Subject as _telsentry_v1_Subject, Subject__Output as _telsentry_v1_Subject__Output } from './telsentry/v1/Subject.js';

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
      FindingStatus: EnumTypeDefinition
      FindingType: EnumTypeDefinition
      Severity: EnumTypeDefinition
      Subject: MessageTypeDefinition<_telsentry_v1_Subject, _telsentry_v1_Subject__Output>
      SubjectKind: EnumTypeDefinition
    }
  }
}

