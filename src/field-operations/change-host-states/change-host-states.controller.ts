import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequestContext, written, type WrittenBody } from '../../http';
import { ApiWrite } from '../../http/openapi';
import type { CommandContext } from '../../shared/application/command-context';
import { OperationIdParams } from '../operation-id.params';
import { ChangeHostStatesCommand } from './change-host-states.command';
import { ChangeHostStatesDto } from './change-host-states.dto';

@ApiTags('field operations')
@Controller('api/field-operations')
export class ChangeHostStatesController {
  constructor(private readonly commands: CommandBus) {}

  @HttpCode(200)
  @Post(':id/host-state-changes')
  @ApiOperation({
    summary: 'Change the host participating States from a date on (HostStatesChanged)',
  })
  @ApiParam({ name: 'id', example: 'mission-to-serbia' })
  @ApiWrite({ created: false, ifMatch: true, notFound: true })
  async changeHostStates(
    @Param() { id }: OperationIdParams,
    @Body() body: ChangeHostStatesDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WrittenBody> {
    const command = new ChangeHostStatesCommand({ ...body, operationId: id }, context);
    return written(reply, await this.commands.execute(command));
  }
}
