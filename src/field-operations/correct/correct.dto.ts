import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { HasText } from '../../http/validators';

export class CorrectFactDto {
  @ApiProperty({
    format: 'uuid',
    description: 'Id of the event on this operation stream whose fact is corrected (see history)',
  })
  @IsUUID()
  corrects!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { closedOn: '2002-12-31' },
    description:
      'Fields of that fact and their right values. Correctable: establishment name, seat, hostStates, establishedOn, decision, sourceUrl; renaming name, effectiveOn, decision; closure closedOn, reason, decision, successors; mandate agreed summary, effectiveFrom, until, decision; mandate extended until, decision; head appointed name, from; seat changed seat, effectiveOn, decision; host States changed hostStates, effectiveOn, decision; note on, category, text, decision. Provenance is not correctable',
  })
  @IsObject()
  changes!: Record<string, unknown>;

  @ApiProperty({
    example: 'The press release gives 2002-12-31 as the last day',
    description: 'Why the recorded fact was wrong',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  @HasText()
  reason!: string;
}
