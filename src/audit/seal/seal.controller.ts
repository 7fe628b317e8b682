import { Controller, Post, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequestContext } from '../../http';
import type { CommandContext } from '../../shared/application/command-context';
import { LedgerSealer } from './ledger-sealer';
import { SealOutcomeResponse, sealOutcomeResponseOf } from './seal.response';

@ApiTags('audit')
@Controller('api/audit/seals')
export class SealController {
  constructor(private readonly sealer: LedgerSealer) {}

  @Post()
  @ApiOperation({
    summary: 'Seal the log now: record a LedgerSealed event with the Merkle root up to its head',
  })
  @ApiHeader({ name: 'X-Reason', required: false, description: 'Why; stored in the seal metadata' })
  @ApiCreatedResponse({ type: SealOutcomeResponse, description: 'A new seal was recorded' })
  @ApiOkResponse({
    type: SealOutcomeResponse,
    description: 'Nothing new since the last seal (returned), or an empty log (seal null)',
  })
  async seal(@RequestContext() context: CommandContext, @Res() reply: FastifyReply): Promise<void> {
    const outcome = await this.sealer.seal(context);
    await reply.status(outcome.created ? 201 : 200).send(sealOutcomeResponseOf(outcome));
  }
}
