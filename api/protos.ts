/**
 * Loads the telsentry.v1 protos once with proto-loader. Options match proto/generate.sh so the
 * generated types in proto/gen describe exactly what handlers receive: snake_case fields,
 * 64-bit integers as decimal strings (exact), enums as their names, defaults filled in.
 */
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadSync, type Options, type PackageDefinition, type ServiceDefinition } from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { findProjectDir } from '../store/sqlFiles.js';

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

/** Our package plus grpc.health.v1, so reflection clients (grpcurl) can call the health check too. */
export function reflectionPackageDefinition(): PackageDefinition {
  return { ...packageDefinition(), ...loadSync(healthProtoPath, LOADER_OPTIONS) };
}

export function serviceDefinition(name: ServiceName): ServiceDefinition {
  return packageDefinition()[`telsentry.v1.${name}`] as ServiceDefinition;
}

/** Client constructors for the grpc-js client (CLI, tests). */
export function clientConstructor(name: ServiceName): grpc.ServiceClientConstructor {
  return grpc.makeClientConstructor(serviceDefinition(name) as unknown as grpc.ServiceDefinition, name);
}
