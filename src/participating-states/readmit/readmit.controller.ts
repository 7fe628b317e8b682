import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequestContext, written, type WrittenBody } from '../../http';
import { ApiWrite } from '../../http/openapi';
import type { CommandContext } from '../../shared/application/command-context';
import { StateIdParams } from '../state-id.params';
import { ReadmitStateCommand } from './readmit.command';
import { ReadmitStateDto } from './readmit.dto';

@ApiTags('participating States')
@Controller('api/participating-states')
export class ReadmitStateController {
  constructor(private readonly commands: CommandBus) {}

  @HttpCode(200)
  @Post(':id/readmissions')
  @ApiOperation({ summary: 'Readmit a suspended State (ParticipatingStateReadmitted)' })
  @ApiParam({ name: 'id', example: 'yugoslavia' })
  @ApiWrite({ created: false, ifMatch: true, notFound: true })
  async readmit(
    @Param() { id }: StateIdParams,
    @Body() body: ReadmitStateDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WrittenBody> {
    return written(
      reply,
      await this.commands.execute(new ReadmitStateCommand({ ...body, id }, context)),
    );
  }
}
