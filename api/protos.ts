/**
 * Loads the telsentry.v1 protos once with proto-loader. Options match proto/generate.sh so the
 * generated types in proto/gen describe exactly what handlers receive: snake_case fields,
 * 64-bit integers as decimal strings (exact), enums as their names, defaults filled in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadSync, type Options, type PackageDefinition, type ServiceDefinition } from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import descriptor from 'protobufjs/ext/descriptor/index.js';
import { findProjectDir } from '../store/sqlFiles.js';

const { FileDescriptorSet, FileDescriptorProto } = descriptor;

export const PROTO_FILES = [
  'telsentry/v1/finding.proto',
  'telsentry/v1/findings_service.proto',
  'telsentry/v1/subscriber_service.proto',
  'telsentry/v1/query_service.proto',
  'telsentry/v1/watchlist_service.proto',
  'telsentry/v1/audit_service.proto',
] as const;

export const SERVICE_NAMES = ['FindingsService', 'SubscriberService', 'QueryService', 'WatchlistService', 'AuditService'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const LOADER_OPTIONS: Options = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true };

let loaded: PackageDefinition | undefined;

export function protoDir(): string {
  return join(findProjectDir('proto/telsentry/v1/finding.proto'), 'proto');
}

export function packageDefinition(): PackageDefinition {
  loaded ??= loadSync([...PROTO_FILES], { ...LOADER_OPTIONS, includeDirs: [protoDir()] });
  return loaded;
}

/**
 * What server reflection serves: the descriptor set buf built from proto/ (proto/generate.sh; it
 * carries google/protobuf/*.proto under their real names, which proto-loader's bundled copies
 * lack, so grpcurl could not resolve Timestamp) plus grpc.health.v1 for the health check.
 */
export function reflectionPackageDefinition(): PackageDefinition {
  const set = FileDescriptorSet.decode(readFileSync(join(protoDir(), 'gen', 'telsentry.binpb'))) as unknown as { file: object[] };
  const fileDescriptorProtos = set.file.map((file) => Buffer.from(FileDescriptorProto.encode(file as never).finish()));
  return { 'grpc.health.v1': { fileDescriptorProtos: healthDescriptorProtos() } as never, 'telsentry.v1': { fileDescriptorProtos } as never };
}

interface MessageDescriptor {
  name: string;
  field: { name: string; typeName?: string }[];
  nestedType: (MessageDescriptor & { options?: { mapEntry?: boolean } })[];
}

/**
 * grpc.health.v1 as proto-loader describes it, with protobufjs's map-entry naming fixed
 * (it names the entry of `statuses` "Statuses"; protoc and grpcurl require "StatusesEntry").
 */
function healthDescriptorProtos(): Buffer[] {
  const definition = loadSync(healthProtoPath, LOADER_OPTIONS);
  const encoded = (definition['grpc.health.v1.HealthCheckRequest'] as { fileDescriptorProtos: Buffer[] }).fileDescriptorProtos;
  return encoded.map((bytes) => {
    const file = FileDescriptorProto.decode(bytes) as unknown as { messageType: MessageDescriptor[] };
    for (const message of file.messageType) {
      for (const entry of message.nestedType.filter((nested) => nested.options?.mapEntry === true)) {
        const fixed = `${entry.name}Entry`;
        for (const field of message.field) if (field.typeName === entry.name) field.typeName = fixed;
        entry.name = fixed;
      }
    }
    return Buffer.from(FileDescriptorProto.encode(file as never).finish());
  });
}

export function serviceDefinition(name: ServiceName): ServiceDefinition {
  return packageDefinition()[`telsentry.v1.${name}`] as ServiceDefinition;
}

/** Client constructors for the grpc-js client (CLI, tests). */
export function clientConstructor(name: ServiceName): grpc.ServiceClientConstructor {
  return grpc.makeClientConstructor(serviceDefinition(name) as unknown as grpc.ServiceDefinition, name);
}
