import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequestContext, written, type WrittenBody } from '../../http';
import { ApiWrite } from '../../http/openapi';
import type { CommandContext } from '../../shared/application/command-context';
import { OperationIdParams } from '../operation-id.params';
import { CloseFieldOperationCommand } from './close.command';
import { CloseFieldOperationDto } from './close.dto';

@ApiTags('field operations')
@Controller('api/field-operations')
export class CloseFieldOperationController {
  constructor(private readonly commands: CommandBus) {}

  @HttpCode(200)
  @Post(':id/closure')
  @ApiOperation({ summary: 'Close (records <Family>Closed)' })
  @ApiParam({ name: 'id', example: 'office-in-minsk' })
  @ApiWrite({ created: false, ifMatch: true, notFound: true })
  async close(
    @Param() { id }: OperationIdParams,
    @Body() body: CloseFieldOperationDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WrittenBody> {
    const command = new CloseFieldOperationCommand({ ...body, operationId: id }, context);
    return written(reply, await this.commands.execute(command));
  }
}
