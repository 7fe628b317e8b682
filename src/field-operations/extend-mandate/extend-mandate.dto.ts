import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsPartialDate } from '../../http/validators';
import { type ProvenanceDto, SourcedBy } from '../provenance.dto';

export class ExtendMandateDto {
  @ApiProperty({ example: 'PC.DEC/589', description: 'Reference of a registered decision' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  decision!: string;

  @ApiProperty({ example: '2004-12-31', description: 'New last day of the mandate' })
  @IsPartialDate()
  until!: string;

  @SourcedBy()
  provenance?: ProvenanceDto;
}
