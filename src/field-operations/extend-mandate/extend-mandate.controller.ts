import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequestContext, written, type WrittenBody } from '../../http';
import { ApiWrite } from '../../http/openapi';
import type { CommandContext } from '../../shared/application/command-context';
import { OperationIdParams } from '../operation-id.params';
import { ExtendMandateCommand } from './extend-mandate.command';
import { ExtendMandateDto } from './extend-mandate.dto';

@ApiTags('field operations')
@Controller('api/field-operations')
export class ExtendMandateController {
  constructor(private readonly commands: CommandBus) {}

  @HttpCode(200)
  @Post(':id/mandate-extensions')
  @ApiOperation({ summary: 'Extend the current mandate (MandateExtended)' })
  @ApiParam({ name: 'id', example: 'office-in-minsk' })
  @ApiWrite({ created: false, ifMatch: true, notFound: true })
  async extend(
    @Param() { id }: OperationIdParams,
    @Body() body: ExtendMandateDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WrittenBody> {
    const command = new ExtendMandateCommand({ ...body, operationId: id }, context);
    return written(reply, await this.commands.execute(command));
  }
}
