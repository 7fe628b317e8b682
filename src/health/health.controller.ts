import { Controller, Get, Inject } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';

export interface HealthReport {
  status: 'ok';
  eventStore: { adapter: string; headPosition: string | null };
}

@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  async health(): Promise<HealthReport> {
    const head = await this.store.headPosition();
    return {
      status: 'ok',
      eventStore: { adapter: this.store.name, headPosition: head === undefined ? null : String(head) },
    };
  }
}
