/**
 * Rich gRPC errors: a status whose `grpc-status-details-bin` trailer holds a
 * google.rpc.Status with one packed detail message, which is how KurrentDB's
 * v2 API reports typed errors.
 */
import * as grpc from '@grpc/grpc-js';
import { Any, rpcStatus } from './generated-protocol';

export function statusWithDetails(
  code: grpc.status,
  message: string,
  detailTypeUrl: string,
  detail: Uint8Array,
): Partial<grpc.StatusObject> {
  const status = new rpcStatus.Status()
    .setCode(code as number)
    .setMessage(message)
    .setDetails(new Any().setTypeUrl(detailTypeUrl).setValue(detail));
  const metadata = new grpc.Metadata();
  metadata.set('grpc-status-details-bin', Buffer.from(status.serializeBinary()));
  return { code, details: message, metadata };
}
