import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import type { ProjectionStatus } from '../projections/projection-engine';
import { ReadModels } from '../projections/read-models';
import { overallStatus } from './health-status';

class EventStoreHealth {
  @ApiProperty({ example: 'sqlite' }) adapter!: string;
  @ApiProperty({ type: String, nullable: true, example: '42' }) headPosition!: string | null;
}

class ProjectionHealth {
  @ApiProperty({ example: 'field-operations' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: '42' }) checkpoint!: string | null;
  @ApiProperty({ description: 'Events behind the head of the log', example: '0' }) lag!: string;
  @ApiProperty() caughtUp!: boolean;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}

export class HealthReport {
  @ApiProperty({ enum: ['ok', 'degraded'], description: 'degraded when a projection has failed' })
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
  @ApiOperation({ summary: 'Liveness and readiness: event store head, projection lag and errors' })
  @ApiOkResponse({ type: HealthReport })
  async health(): Promise<HealthReport> {
    const head = await this.store.headPosition();
    const projections = await this.readModels.status();
    return {
      status: overallStatus(projections),
      eventStore: {
        adapter: this.store.name,
        headPosition: head === undefined ? null : String(head),
      },
      readModels: this.readModels.file,
      projections,
    };
  }
}
