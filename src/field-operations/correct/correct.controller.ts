import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequestContext, written, type WrittenBody } from '../../http';
import { ApiWrite } from '../../http/openapi';
import type { CommandContext } from '../../shared/application/command-context';
import { OperationIdParams } from '../operation-id.params';
import { CorrectFactCommand } from './correct.command';
import { CorrectFactDto } from './correct.dto';

@ApiTags('field operations')
@Controller('api/field-operations')
export class CorrectFactController {
  constructor(private readonly commands: CommandBus) {}

  @HttpCode(200)
  @Post(':id/corrections')
  @ApiOperation({
    summary: 'Correct fields of a recorded fact (FactCorrected); the original stays as recorded',
    description: 'Allowed on closed operations. knownAt before it still answers the old value.',
  })
  @ApiParam({ name: 'id', example: 'advisory-and-monitoring-group-in-belarus' })
  @ApiWrite({ created: false, ifMatch: true, notFound: true })
  async correct(
    @Param() { id }: OperationIdParams,
    @Body() body: CorrectFactDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WrittenBody> {
    const command = new CorrectFactCommand({ ...body, operationId: id }, context);
    return written(reply, await this.commands.execute(command));
  }
}
