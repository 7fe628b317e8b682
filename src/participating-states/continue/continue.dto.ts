import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { type ProvenanceDto, SourcedBy } from '../../field-operations/provenance.dto';
import { HasText, IsPartialDate, IsSlug } from '../../http/validators';

export class ContinueParticipationDto {
  @ApiProperty({ example: 'russian-federation', description: 'Stable public id of the new State' })
  @IsSlug()
  id!: string;

  @ApiProperty({ example: 'Russian Federation' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @HasText()
  name!: string;

  @ApiProperty({
    example: '1991',
    description: 'First day of its participation (YYYY, YYYY-MM or YYYY-MM-DD)',
  })
  @IsPartialDate()
  continuedOn!: string;

  @ApiProperty({
    example: 'soviet-union',
    description: 'Id of the registered State whose participation it continues',
  })
  @IsSlug()
  continues!: string;

  @SourcedBy()
  provenance?: ProvenanceDto;
}
