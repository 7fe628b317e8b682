import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequestContext, written, type WrittenBody } from '../../http';
import { ApiWrite } from '../../http/openapi';
import type { CommandContext } from '../../shared/application/command-context';
import { OperationIdParams } from '../operation-id.params';
import { RecordNoteCommand } from './record-note.command';
import { RecordNoteDto } from './record-note.dto';

@ApiTags('field operations')
@Controller('api/field-operations')
export class RecordNoteController {
  constructor(private readonly commands: CommandBus) {}

  @HttpCode(200)
  @Post(':id/notes')
  @ApiOperation({
    summary:
      'Record a dated note that changes nothing in force, with its provenance (NoteRecorded)',
  })
  @ApiParam({ name: 'id', example: 'centre-in-ashgabat' })
  @ApiWrite({ created: false, ifMatch: true, notFound: true })
  async recordNote(
    @Param() { id }: OperationIdParams,
    @Body() body: RecordNoteDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WrittenBody> {
    const command = new RecordNoteCommand({ ...body, operationId: id }, context);
    return written(reply, await this.commands.execute(command));
  }
}
