import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequestContext, written, type WrittenBody } from '../../http';
import { ApiWrite } from '../../http/openapi';
import type { CommandContext } from '../../shared/application/command-context';
import { StateIdParams } from '../state-id.params';
import { RenameStateCommand } from './rename.command';
import { RenameStateDto } from './rename.dto';

@ApiTags('participating States')
@Controller('api/participating-states')
export class RenameStateController {
  constructor(private readonly commands: CommandBus) {}

  @HttpCode(200)
  @Post(':id/renamings')
  @ApiOperation({ summary: 'Rename a participating State from a date (ParticipatingStateRenamed)' })
  @ApiParam({ name: 'id', example: 'serbia-and-montenegro' })
  @ApiWrite({ created: false, ifMatch: true, notFound: true })
  async rename(
    @Param() { id }: StateIdParams,
    @Body() body: RenameStateDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WrittenBody> {
    return written(
      reply,
      await this.commands.execute(new RenameStateCommand({ ...body, id }, context)),
    );
  }
}
