import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequestContext, written, type WrittenBody } from '../../http';
import { ApiWrite } from '../../http/openapi';
import type { CommandContext } from '../../shared/application/command-context';
import { StateIdParams } from '../state-id.params';
import { SuspendStateCommand } from './suspend.command';
import { SuspendStateDto } from './suspend.dto';

@ApiTags('participating States')
@Controller('api/participating-states')
export class SuspendStateController {
  constructor(private readonly commands: CommandBus) {}

  @HttpCode(200)
  @Post(':id/suspensions')
  @ApiOperation({
    summary:
      'Suspend a participating State (ParticipatingStateSuspended); it no longer counts as participating',
  })
  @ApiParam({ name: 'id', example: 'yugoslavia' })
  @ApiWrite({ created: false, ifMatch: true, notFound: true })
  async suspend(
    @Param() { id }: StateIdParams,
    @Body() body: SuspendStateDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WrittenBody> {
    return written(
      reply,
      await this.commands.execute(new SuspendStateCommand({ ...body, id }, context)),
    );
  }
}
