import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ListValue as _google_protobuf_ListValue, ListValue__Output as _google_protobuf_ListValue__Output } from './google/protobuf/ListValue.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from './google/protobuf/Struct.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp.js';
import type { Value as _google_protobuf_Value, Value__Output as _google_protobuf_Value__Output } from './google/protobuf/Value.js';
import type { CellVisit as _telsentry_v1_CellVisit, CellVisit__Output as _telsentry_v1_CellVisit__Output } from './telsentry/v1/CellVisit.js';
import type { Contact as _telsentry_v1_Contact, Contact__Output as _telsentry_v1_Contact__Output } from './telsentry/v1/Contact.js';
import type { DailyFeatures as _telsentry_v1_DailyFeatures, DailyFeatures__Output as _telsentry_v1_DailyFeatures__Output } from './telsentry/v1/DailyFeatures.js';
import type { Device as _telsentry_v1_Device, Device__Output as _telsentry_v1_Device__Output } from './telsentry/v1/Device.js';
import type { Finding as _telsentry_v1_Finding, Finding__Output as _telsentry_v1_Finding__Output } from './telsentry/v1/Finding.js';
import type { GetProfileRequest as _telsentry_v1_GetProfileRequest, GetProfileRequest__Output as _telsentry_v1_GetProfileRequest__Output } from './telsentry/v1/GetProfileRequest.js';
import type { GetProfileResponse as _telsentry_v1_GetProfileResponse, GetProfileResponse__Output as _telsentry_v1_GetProfileResponse__Output } from './telsentry/v1/GetProfileResponse.js';
import type { Subject as _telsentry_v1_Subject, Subject__Output as _telsentry_v1_Subject__Output } from './telsentry/v1/Subject.js';
import type { SubscriberServiceClient as _telsentry_v1_SubscriberServiceClient, SubscriberServiceDefinition as _telsentry_v1_SubscriberServiceDefinition } from './telsentry/v1/SubscriberService.js';
import type { WindowFeatures as _telsentry_v1_WindowFeatures, WindowFeatures__Output as _telsentry_v1_WindowFeatures__Output } from './telsentry/v1/WindowFeatures.js';

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
      CellVisit: MessageTypeDefinition<_telsentry_v1_CellVisit, _telsentry_v1_CellVisit__Output>
      Contact: MessageTypeDefinition<_telsentry_v1_Contact, _telsentry_v1_Contact__Output>
      DailyFeatures: MessageTypeDefinition<_telsentry_v1_DailyFeatures, _telsentry_v1_DailyFeatures__Output>
      Device: MessageTypeDefinition<_telsentry_v1_Device, _telsentry_v1_Device__Output>
      Finding: MessageTypeDefinition<_telsentry_v1_Finding, _telsentry_v1_Finding__Output>
      FindingStatus: EnumTypeDefinition
      FindingType: EnumTypeDefinition
      GetProfileRequest: MessageTypeDefinition<_telsentry_v1_GetProfileRequest, _telsentry_v1_GetProfileRequest__Output>
      GetProfileResponse: MessageTypeDefinition<_telsentry_v1_GetProfileResponse, _telsentry_v1_GetProfileResponse__Output>
      Severity: EnumTypeDefinition
      Subject: MessageTypeDefinition<_telsentry_v1_Subject, _telsentry_v1_Subject__Output>
      SubjectKind: EnumTypeDefinition
      SubscriberService: SubtypeConstructor<typeof grpc.Client, _telsentry_v1_SubscriberServiceClient> & { service: _telsentry_v1_SubscriberServiceDefinition }
      WindowFeatures: MessageTypeDefinition<_telsentry_v1_WindowFeatures, _telsentry_v1_WindowFeatures__Output>
    }
  }
}

