import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { created, RequestContext, type WrittenBody } from '../../http';
import { ApiWrite } from '../../http/openapi';
import type { CommandContext } from '../../shared/application/command-context';
import { ContinueParticipationCommand } from './continue.command';
import { ContinueParticipationDto } from './continue.dto';

@ApiTags('participating States')
@Controller('api/participating-states')
export class ContinueParticipationController {
  constructor(private readonly commands: CommandBus) {}

  @Post('continuations')
  @ApiOperation({
    summary:
      "Register a State that continues another's participation (ParticipationContinued), e.g. the Russian Federation continuing the USSR",
  })
  @ApiWrite({ created: true, ifMatch: false, notFound: false })
  async continueParticipation(
    @Body() body: ContinueParticipationDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WrittenBody> {
    const result = await this.commands.execute(new ContinueParticipationCommand(body, context));
    return created(reply, `/api/participating-states/${result.id}`, result);
  }
}
