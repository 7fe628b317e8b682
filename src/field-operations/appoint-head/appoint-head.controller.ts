import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequestContext, written, type WrittenBody } from '../../http';
import { ApiWrite } from '../../http/openapi';
import type { CommandContext } from '../../shared/application/command-context';
import { OperationIdParams } from '../operation-id.params';
import { AppointHeadCommand } from './appoint-head.command';
import { AppointHeadDto } from './appoint-head.dto';

@ApiTags('field operations')
@Controller('api/field-operations')
export class AppointHeadController {
  constructor(private readonly commands: CommandBus) {}

  @HttpCode(200)
  @Post(':id/heads')
  @ApiOperation({ summary: 'Appoint a head (HeadAppointed)' })
  @ApiParam({ name: 'id', example: 'office-in-minsk' })
  @ApiWrite({ created: false, ifMatch: true, notFound: true })
  async appoint(
    @Param() { id }: OperationIdParams,
    @Body() body: AppointHeadDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WrittenBody> {
    const command = new AppointHeadCommand({ ...body, operationId: id }, context);
    return written(reply, await this.commands.execute(command));
  }
}
