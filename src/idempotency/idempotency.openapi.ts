import type { OpenAPIObject } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER, MAX_IDEMPOTENCY_KEY_LENGTH } from './idempotency-key';
import { REPLAYED_HEADER } from './idempotency.guard';

const PARAMETER = {
  name: IDEMPOTENCY_KEY_HEADER,
  in: 'header' as const,
  required: false,
  description: `Makes the write safe to retry: the same key with the same request (method, path, canonical JSON body) within 24 hours returns the first 2xx answer (status, ETag, Location, body; with ${REPLAYED_HEADER}: true) and records nothing again, also after a restart. The same key with a different request: 422 idempotency-key-reused; while the first is still running: 409 idempotency-key-in-flight. Failed requests are not kept. Keys are scoped to the authenticated principal. 1-${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters, e.g. a UUID.`,
  schema: {
    type: 'string' as const,
    minLength: 1,
    maxLength: MAX_IDEMPOTENCY_KEY_LENGTH,
    pattern: '^[\\x20-\\x7E]+$',
    example: '3f6c1a9e-8d2b-4c71-a1f0-5e2d9b7c4a10',
  },
};

/** Adds the `Idempotency-Key` header to every POST operation of the OpenAPI document. */
export function documentIdempotencyKey(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    const post = path.post;
    if (!post) continue;
    const parameters = post.parameters ?? [];
    if (!parameters.some((p) => 'name' in p && p.name === IDEMPOTENCY_KEY_HEADER)) {
      post.parameters = [...parameters, PARAMETER];
    }
  }
  return document;
}
