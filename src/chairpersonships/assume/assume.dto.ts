import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { type ProvenanceDto, SourcedBy } from '../../field-operations/provenance.dto';
import { IsPartialDate, IsSlug } from '../../http/validators';

export class AssumeChairpersonshipDto {
  @ApiProperty({ example: 'finland-2008', description: 'Stable id: <state>-<year>' })
  @IsSlug()
  id!: string;

  @ApiProperty({ example: 'finland', description: 'Id of the registered participating State' })
  @IsSlug()
  state!: string;

  @ApiPropertyOptional({ example: 2008, description: 'The calendar year principally covered' })
  @IsOptional()
  @IsInt()
  @Min(1973)
  @Max(2200)
  year?: number;

  @ApiProperty({ example: '2008-01-01', description: 'First day (YYYY, YYYY-MM or YYYY-MM-DD)' })
  @IsPartialDate()
  from!: string;

  @ApiProperty({ example: '2008-12-31', description: 'Last day, inclusive' })
  @IsPartialDate()
  to!: string;

  @SourcedBy()
  provenance?: ProvenanceDto;
}
