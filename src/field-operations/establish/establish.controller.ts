import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { created, RequestContext, type WrittenBody } from '../../http';
import { ApiWrite } from '../../http/openapi';
import type { CommandContext } from '../../shared/application/command-context';
import { EstablishFieldOperationCommand } from './establish.command';
import { EstablishFieldOperationDto } from './establish.dto';

@ApiTags('field operations')
@Controller('api/field-operations')
export class EstablishFieldOperationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiOperation({
    summary:
      'Establish a field operation (records <Family>Established, and MandateAgreed with a mandate)',
  })
  @ApiWrite({ created: true, ifMatch: false, notFound: false })
  async establish(
    @Body() body: EstablishFieldOperationDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WrittenBody> {
    const result = await this.commands.execute(new EstablishFieldOperationCommand(body, context));
    return created(reply, `/api/field-operations/${result.id}`, result);
  }
}
