import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { created, RequestContext, type WrittenBody } from '../../http';
import { ApiWrite } from '../../http/openapi';
import type { CommandContext } from '../../shared/application/command-context';
import { AssumeChairpersonshipCommand } from './assume.command';
import { AssumeChairpersonshipDto } from './assume.dto';

@ApiTags('chairpersonships')
@Controller('api/chairpersonships')
export class AssumeChairpersonshipController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiOperation({
    summary:
      'Record that a participating State holds the Chairpersonship for a period (ChairpersonshipAssumed)',
  })
  @ApiWrite({ created: true, ifMatch: false, notFound: false })
  async assume(
    @Body() body: AssumeChairpersonshipDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WrittenBody> {
    const result = await this.commands.execute(new AssumeChairpersonshipCommand(body, context));
    return created(reply, `/api/chairpersonships/${result.id}`, result);
  }
}
