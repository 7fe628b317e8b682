import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { HasText, IsPartialDate } from '../../http/validators';
import { type ProvenanceDto, SourcedBy } from '../provenance.dto';

export class AppointHeadDto {
  @ApiProperty({ example: 'Eberhard Heyken', description: 'Public official heading the operation' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @HasText()
  name!: string;

  @ApiProperty({ example: '2003-02-10' })
  @IsPartialDate()
  from!: string;

  @ApiPropertyOptional({
    example: 'PC.DEC/527',
    description: 'Reference of a registered decision the appointment rests on',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  decision?: string;

  @SourcedBy()
  provenance?: ProvenanceDto;
}
