import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { HasText, IsPartialDate, IsSlug } from '../../http/validators';
import { type Kind, KINDS } from '../domain/kinds';
import { type ProvenanceDto, SourcedBy } from '../provenance.dto';

export class MandateDto {
  @ApiProperty({
    example: 'Assist the Belarusian Government in further promoting institution-building',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  @HasText()
  summary!: string;

  @ApiPropertyOptional({
    example: '2003-12-31',
    description: 'Last day of the mandate (YYYY, YYYY-MM or YYYY-MM-DD)',
  })
  @IsOptional()
  @IsPartialDate()
  until?: string;
}

export class EstablishFieldOperationDto {
  @ApiProperty({ example: 'office-in-minsk', description: 'Stable public id (kebab-case slug)' })
  @IsSlug()
  id!: string;

  @ApiProperty({ example: 'OSCE Office in Minsk' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @HasText()
  name!: string;

  @ApiProperty({ enum: KINDS, example: 'office' })
  @IsIn(KINDS)
  kind!: Kind;

  @ApiProperty({
    type: [String],
    example: ['belarus'],
    description: 'Ids of registered participating States',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsSlug({ each: true })
  hostStates!: string[];

  @ApiPropertyOptional({ example: 'Minsk' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @HasText()
  seat?: string;

  @ApiProperty({
    example: '2003-01-01',
    description: 'First day of activity (YYYY, YYYY-MM or YYYY-MM-DD)',
  })
  @IsPartialDate()
  establishedOn!: string;

  @ApiPropertyOptional({ example: 'PC.DEC/526', description: 'Reference of a registered decision' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  decision?: string;

  @ApiPropertyOptional({ example: 'https://www.osce.org/minsk' })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(2000)
  sourceUrl?: string;

  @ApiPropertyOptional({ type: MandateDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MandateDto)
  mandate?: MandateDto;

  @ApiPropertyOptional({ type: [String], example: ['advisory-and-monitoring-group-in-belarus'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsSlug({ each: true })
  predecessors?: string[];

  @SourcedBy()
  provenance?: ProvenanceDto;
}
