import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequestContext, written, type WrittenBody } from '../../http';
import { ApiWrite } from '../../http/openapi';
import type { CommandContext } from '../../shared/application/command-context';
import { OperationIdParams } from '../operation-id.params';
import { ChangeSeatCommand } from './change-seat.command';
import { ChangeSeatDto } from './change-seat.dto';

@ApiTags('field operations')
@Controller('api/field-operations')
export class ChangeSeatController {
  constructor(private readonly commands: CommandBus) {}

  @HttpCode(200)
  @Post(':id/seat-changes')
  @ApiOperation({ summary: 'Move the seat from a date on (SeatChanged)' })
  @ApiParam({ name: 'id', example: 'programme-office-in-astana' })
  @ApiWrite({ created: false, ifMatch: true, notFound: true })
  async changeSeat(
    @Param() { id }: OperationIdParams,
    @Body() body: ChangeSeatDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WrittenBody> {
    const command = new ChangeSeatCommand({ ...body, operationId: id }, context);
    return written(reply, await this.commands.execute(command));
  }
}
