import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequestContext, written, type WrittenBody } from '../../http';
import { ApiWrite } from '../../http/openapi';
import type { CommandContext } from '../../shared/application/command-context';
import { OperationIdParams } from '../operation-id.params';
import { RenameFieldOperationCommand } from './rename.command';
import { RenameFieldOperationDto } from './rename.dto';

@ApiTags('field operations')
@Controller('api/field-operations')
export class RenameFieldOperationController {
  constructor(private readonly commands: CommandBus) {}

  @HttpCode(200)
  @Post(':id/renamings')
  @ApiOperation({ summary: 'Rename, possibly changing the kind (FieldOperationRenamed)' })
  @ApiParam({ name: 'id', example: 'office-in-minsk' })
  @ApiWrite({ created: false, ifMatch: true, notFound: true })
  async rename(
    @Param() { id }: OperationIdParams,
    @Body() body: RenameFieldOperationDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WrittenBody> {
    const command = new RenameFieldOperationCommand({ ...body, operationId: id }, context);
    return written(reply, await this.commands.execute(command));
  }
}
