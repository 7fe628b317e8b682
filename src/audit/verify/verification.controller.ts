import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '../../event-store/event-store.port';
import { RAW_EVENT_STORE } from '../../event-store/raw-event-store.token';
import { verifyLedger } from './ledger-verifier';
import type { VerificationReport } from './verification-report';
import { VerificationReportResponse } from './verification.response';

@ApiTags('audit')
@Controller('api/audit/verification')
export class VerificationController {
  constructor(@Inject(RAW_EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ApiOperation({
    summary: 'Recompute every hash chain and every seal over the whole log (AUDIT.md)',
    description:
      'Reads the events as stored, in log order. `ok` is false when an event was edited, deleted, inserted or reordered, or a seal does not match; `firstFailure` names the stream and revision, or the seal.',
  })
  @ApiOkResponse({ type: VerificationReportResponse })
  verify(): Promise<VerificationReport> {
    return verifyLedger(this.store);
  }
}
