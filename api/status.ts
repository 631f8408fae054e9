/** TelsentryError codes become gRPC statuses here, at the edge, and nowhere else. */
import * as grpc from '@grpc/grpc-js';
import { ErrorCodes, TelsentryError, type ErrorCode } from '../core/errors.js';

const STATUS_OF: Record<ErrorCode, grpc.status> = {
  [ErrorCodes.CONFIG_INVALID]: grpc.status.FAILED_PRECONDITION,
  [ErrorCodes.ARGUMENT_INVALID]: grpc.status.INVALID_ARGUMENT,
  [ErrorCodes.INPUT_UNREADABLE]: grpc.status.INVALID_ARGUMENT,
  [ErrorCodes.RECORD_REJECTED]: grpc.status.INVALID_ARGUMENT,
  [ErrorCodes.STORE_FAILED]: grpc.status.UNAVAILABLE,
  [ErrorCodes.NOT_FOUND]: grpc.status.NOT_FOUND,
  [ErrorCodes.PERMISSION_DENIED]: grpc.status.PERMISSION_DENIED,
  [ErrorCodes.UNAUTHENTICATED]: grpc.status.UNAUTHENTICATED,
  [ErrorCodes.UNAVAILABLE]: grpc.status.UNAVAILABLE,
  [ErrorCodes.DEADLINE_EXCEEDED]: grpc.status.DEADLINE_EXCEEDED,
  [ErrorCodes.INTERNAL]: grpc.status.INTERNAL,
};

export function statusOf(error: unknown): grpc.status {
  return error instanceof TelsentryError ? STATUS_OF[error.code] : grpc.status.UNKNOWN;
}

/** A ServiceError for grpc-js callbacks / stream.destroy: our messages go out; unknown errors are not leaked. */
export function toServiceError(error: unknown): Partial<grpc.StatusObject> & Error {
  const code = statusOf(error);
  const details = error instanceof TelsentryError ? error.message : 'internal error';
  return Object.assign(new Error(details), { code, details, metadata: new grpc.Metadata() });
}

export const invalid = (message: string): TelsentryError => new TelsentryError(ErrorCodes.ARGUMENT_INVALID, message);
export const denied = (message: string): TelsentryError => new TelsentryError(ErrorCodes.PERMISSION_DENIED, message);
export const notFound = (message: string): TelsentryError => new TelsentryError(ErrorCodes.NOT_FOUND, message);
