import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPreconditionFailedResponse,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';

/** OpenAPI shape of an RFC 9457 problem response. */
export class ProblemSchema {
  @ApiProperty({ example: 'https://registry.example/problems/validation-failed' }) type!: string;
  @ApiProperty({ example: 'Invalid request' }) title!: string;
  @ApiProperty({ example: 422 }) status!: number;
  @ApiProperty({ example: 'effects/1/closedOn must be a date as precise as known' })
  detail!: string;
  @ApiProperty({
    required: false,
    example: [
      { pointer: '/effects/1/closedOn', detail: 'closedOn must be a date as precise as known' },
    ],
  })
  errors?: Array<{ pointer: string; detail: string }>;
}

export class WrittenSchema {
  @ApiProperty({ example: 'office-in-minsk' }) id!: string;
  @ApiProperty({ example: 1, description: 'The stream revision now (also the ETag)' })
  revision!: number;
  @ApiProperty({
    example: 42,
    description: 'Global position reached; pass as minPosition to read your write',
  })
  position!: number;
}

const problem = { type: ProblemSchema, description: 'application/problem+json' };

/** Documents a write endpoint: its success and every problem it can answer. */
export function ApiWrite(options: {
  created: boolean;
  ifMatch: boolean;
  notFound: boolean;
}): MethodDecorator {
  return applyDecorators(
    options.created
      ? ApiCreatedResponse({
          type: WrittenSchema,
          description: 'Recorded; Location and ETag headers set',
        })
      : ApiOkResponse({ type: WrittenSchema, description: 'Recorded; ETag header set' }),
    ApiHeader({
      name: 'X-Correlation-Id',
      required: false,
      description: "Correlation id stored in the events' metadata",
    }),
    ApiHeader({
      name: 'X-Reason',
      required: false,
      description: "Why this is recorded; stored in the events' metadata",
    }),
    ...(options.ifMatch
      ? [
          ApiHeader({
            name: 'If-Match',
            required: false,
            description: 'Stream revision last seen ("3"); 412 if it moved',
          }),
          ApiPreconditionFailedResponse({
            ...problem,
            description: 'If-Match names a revision the stream is no longer at',
          }),
        ]
      : []),
    ...(options.notFound
      ? [ApiNotFoundResponse({ ...problem, description: 'No such field operation' })]
      : []),
    ApiBadRequestResponse({ ...problem, description: 'Malformed JSON or headers' }),
    ApiConflictResponse({
      ...problem,
      description:
        'Conflicts with what is recorded (already established, closed, concurrent change)',
    }),
    ApiUnprocessableEntityResponse({
      ...problem,
      description: 'Invalid fields; `errors` points at each',
    }),
    ApiServiceUnavailableResponse({
      ...problem,
      description: 'The event store is unavailable; retry after Retry-After',
    }),
  );
}
