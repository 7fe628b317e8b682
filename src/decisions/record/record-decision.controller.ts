import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { created, InvalidHeaderException, RequestContext, type WrittenBody } from '../../http';
import { ApiWrite } from '../../http/openapi';
import type { CommandContext } from '../../shared/application/command-context';
import { RecordDecisionCommand } from './record-decision.command';
import { RecordDecisionDto } from './record-decision.dto';

@ApiTags('decisions')
@Controller('api/decisions')
export class RecordDecisionController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiOperation({
    summary: 'Record a decision and its effects, all or nothing, in one multi-stream append',
    description:
      'Each effect is a field-operation command with an `action` and (except establish) the target `operation`; every effect cites this decision. If any effect is invalid nothing is written and the problem points at it (`/effects/1/closedOn`).',
  })
  @ApiWrite({ created: true, ifMatch: false, notFound: false })
  async record(
    @Body() body: RecordDecisionDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WrittenBody> {
    if (context.expectedRevision !== undefined) {
      // A decision writes new streams and several others at once: there is no one revision to match.
      throw new InvalidHeaderException(
        'If-Match',
        'If-Match is not supported when recording a decision',
      );
    }
    const result = await this.commands.execute(new RecordDecisionCommand(body, context));
    return created(reply, `/api/decisions/${result.id}`, result);
  }
}
