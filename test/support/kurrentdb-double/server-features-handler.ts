/**
 * `ServerFeatures.GetSupportedMethods`: the client asks this once per
 * connection and decides from it which RPCs it may call (AppendSession behind
 * `multiStreamAppend`, BatchAppend behind `appendToStream`). Names are lower
 * case, as the real server sends them.
 */
import type * as grpc from '@grpc/grpc-js';
import { serverFeaturesV1, type sharedV1 } from './generated-protocol';

export interface AdvertisedMethod {
  readonly service: string;
  readonly method: string;
}

export const STREAMS_V1_SERVICE = 'event_store.client.streams.streams';
export const SERVER_FEATURES_SERVICE = 'event_store.client.server_features.serverfeatures';
export const STREAMS_V2_SERVICE = 'kurrentdb.protocol.v2.streams.streamsservice';

export function advertisedMethods(withAppendSession: boolean): AdvertisedMethod[] {
  const methods: AdvertisedMethod[] = [
    { service: SERVER_FEATURES_SERVICE, method: 'getsupportedmethods' },
    { service: STREAMS_V1_SERVICE, method: 'read' },
    { service: STREAMS_V1_SERVICE, method: 'append' },
  ];
  if (withAppendSession) methods.push({ service: STREAMS_V2_SERVICE, method: 'appendsession' });
  return methods;
}

export function createGetSupportedMethodsHandler(
  serverVersion: string,
  methods: readonly AdvertisedMethod[],
): grpc.handleUnaryCall<sharedV1.Empty, serverFeaturesV1.SupportedMethods> {
  return (_call, callback) => {
    const response = new serverFeaturesV1.SupportedMethods().setEventStoreServerVersion(
      serverVersion,
    );
    for (const { service, method } of methods) {
      response.addMethods(
        new serverFeaturesV1.SupportedMethod().setServiceName(service).setMethodName(method),
      );
    }
    callback(null, response);
  };
}
