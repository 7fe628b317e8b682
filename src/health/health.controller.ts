import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import type { ProjectionStatus } from '../projections/projection-engine';
import { ReadModels } from '../projections/read-models';
import { overallStatus } from './health-status';

class EventStoreHealth {
  @ApiProperty({ example: 'sqlite' }) adapter!: string;
  @ApiProperty({ type: String, nullable: true, example: '42' }) headPosition!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the store could not be read' })
  error!: string | null;
}

class ProjectionHealth {
  @ApiProperty({ example: 'field-operations' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: '42' }) checkpoint!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'How far behind the head of the log: events on SQLite, log bytes on KurrentDB (0 = caught up); null while the store is unreachable',
    example: '0',
  })
  lag!: string | null;
  @ApiProperty() caughtUp!: boolean;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}

export class HealthReport {
  @ApiProperty({
    enum: ['ok', 'degraded'],
    description: 'degraded when the event store cannot be reached or a projection is failing',
  })
  status!: 'ok' | 'degraded';
  @ApiProperty({ type: EventStoreHealth }) eventStore!: EventStoreHealth;
  @ApiProperty({
    description: 'The read-model file served from (changes when a rebuild is switched in)',
    example: 'read-models.sqlite',
  })
  readModels!: string;
  @ApiProperty({ type: [ProjectionHealth] }) projections!: ProjectionStatus[];
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ReadModels) private readonly readModels: ReadModels,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Liveness: event store head, projection lag and errors (200 while the process runs)',
  })
  @ApiOkResponse({ type: HealthReport })
  health(): Promise<HealthReport> {
    return this.report();
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the same report, answered 503 when degraded' })
  @ApiOkResponse({ type: HealthReport })
  @ApiServiceUnavailableResponse({ type: HealthReport, description: 'Degraded' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const report = await this.report();
    if (report.status !== 'ok') void reply.status(503).header('Retry-After', '5');
    return report;
  }

  private async report(): Promise<HealthReport> {
    const [head, projections] = await Promise.all([
      this.store.headPosition().then(
        (position) => ({ position, error: null }),
        (error: unknown) => ({
          position: undefined,
          error: error instanceof Error ? error.message : String(error),
        }),
      ),
      this.readModels.status(),
    ]);
    return {
      status: head.error === null ? overallStatus(projections) : 'degraded',
      eventStore: {
        adapter: this.store.name,
        headPosition: head.position === undefined ? null : String(head.position),
        error: head.error,
      },
      readModels: this.readModels.file,
      projections,
    };
  }
}
