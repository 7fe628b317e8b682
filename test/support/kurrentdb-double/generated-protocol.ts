/**
 * One place for the long import paths of the protocol code that
 * `@kurrent/kurrentdb-client` ships (generated from KurrentDB's .proto files).
 * The double serves these exact service definitions and message classes, so
 * what goes over the wire is what the real client expects.
 */
export { StreamsService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb';
export { ServerFeaturesService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_grpc_pb';
export { StreamsServiceService as StreamsV2Service } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/streams_grpc_pb';

export * as streamsV1 from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
export * as sharedV1 from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
export * as serverFeaturesV1 from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_pb';
export * as rpcStatus from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/status_pb';
export * as streamsV2 from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/streams_pb';
export * as streamErrorsV2 from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/errors_pb';

export { Any } from 'google-protobuf/google/protobuf/any_pb';
export { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
