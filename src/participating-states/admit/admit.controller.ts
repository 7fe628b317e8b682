import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { created, RequestContext, type WrittenBody } from '../../http';
import { ApiWrite } from '../../http/openapi';
import type { CommandContext } from '../../shared/application/command-context';
import { AdmitStateCommand } from './admit.command';
import { AdmitStateDto } from './admit.dto';

@ApiTags('participating States')
@Controller('api/participating-states')
export class AdmitStateController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiOperation({
    summary: 'Register the admission of a participating State (ParticipatingStateAdmitted)',
  })
  @ApiWrite({ created: true, ifMatch: false, notFound: false })
  async admit(
    @Body() body: AdmitStateDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WrittenBody> {
    const result = await this.commands.execute(new AdmitStateCommand(body, context));
    return created(reply, `/api/participating-states/${result.id}`, result);
  }
}
