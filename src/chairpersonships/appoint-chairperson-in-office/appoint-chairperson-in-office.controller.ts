import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequestContext, written, type WrittenBody } from '../../http';
import { ApiWrite } from '../../http/openapi';
import type { CommandContext } from '../../shared/application/command-context';
import { ChairpersonshipIdParams } from '../chairpersonship-id.params';
import { AppointChairpersonInOfficeCommand } from './appoint-chairperson-in-office.command';
import { AppointChairpersonInOfficeDto } from './appoint-chairperson-in-office.dto';

@ApiTags('chairpersonships')
@Controller('api/chairpersonships')
export class AppointChairpersonInOfficeController {
  constructor(private readonly commands: CommandBus) {}

  @HttpCode(200)
  @Post(':id/chairpersons-in-office')
  @ApiOperation({ summary: 'Appoint a Chairperson-in-Office (ChairpersonInOfficeAppointed)' })
  @ApiParam({ name: 'id', example: 'finland-2008' })
  @ApiWrite({ created: false, ifMatch: true, notFound: true })
  async appoint(
    @Param() { id }: ChairpersonshipIdParams,
    @Body() body: AppointChairpersonInOfficeDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WrittenBody> {
    const command = new AppointChairpersonInOfficeCommand({ ...body, id }, context);
    return written(reply, await this.commands.execute(command));
  }
}
