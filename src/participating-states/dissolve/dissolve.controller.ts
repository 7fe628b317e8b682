import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequestContext, written, type WrittenBody } from '../../http';
import { ApiWrite } from '../../http/openapi';
import type { CommandContext } from '../../shared/application/command-context';
import { StateIdParams } from '../state-id.params';
import { DissolveStateCommand } from './dissolve.command';
import { DissolveStateDto } from './dissolve.dto';

@ApiTags('participating States')
@Controller('api/participating-states')
export class DissolveStateController {
  constructor(private readonly commands: CommandBus) {}

  @HttpCode(200)
  @Post(':id/dissolution')
  @ApiOperation({
    summary: 'Dissolve a participating State, naming its successors (ParticipatingStateDissolved)',
  })
  @ApiParam({ name: 'id', example: 'czechoslovakia' })
  @ApiWrite({ created: false, ifMatch: true, notFound: true })
  async dissolve(
    @Param() { id }: StateIdParams,
    @Body() body: DissolveStateDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WrittenBody> {
    return written(
      reply,
      await this.commands.execute(new DissolveStateCommand({ ...body, id }, context)),
    );
  }
}
