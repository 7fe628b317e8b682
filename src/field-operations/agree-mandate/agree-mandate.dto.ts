import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { HasText, IsPartialDate } from '../../http/validators';
import { type ProvenanceDto, SourcedBy } from '../provenance.dto';

export class AgreeMandateDto {
  @ApiProperty({ example: 'PC.DEC/526', description: 'Reference of a registered decision' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  decision!: string;

  @ApiProperty({ example: '2003-01-01' })
  @IsPartialDate()
  effectiveFrom!: string;

  @ApiProperty({
    example: 'Assist the Belarusian Government in further promoting institution-building',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  @HasText()
  summary!: string;

  @ApiPropertyOptional({ example: '2003-12-31' })
  @IsOptional()
  @IsPartialDate()
  until?: string;

  @SourcedBy()
  provenance?: ProvenanceDto;
}
