import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsPartialDate, IsSlug } from '../../http/validators';
import { CLOSURE_REASONS, type ClosureReason } from '../domain/events';
import { type ProvenanceDto, SourcedBy } from '../provenance.dto';

export class CloseFieldOperationDto {
  @ApiProperty({ example: '2002-12-31', description: 'Last day of activity (inclusive)' })
  @IsPartialDate()
  closedOn!: string;

  @ApiProperty({ enum: CLOSURE_REASONS, example: 'replaced' })
  @IsIn(CLOSURE_REASONS)
  reason!: ClosureReason;

  @ApiPropertyOptional({
    example: 'PC.DEC/526',
    description: 'Omitted when no decision was taken (e.g. no consensus)',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  decision?: string;

  @ApiPropertyOptional({ type: [String], example: ['office-in-minsk'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsSlug({ each: true })
  successors?: string[];

  @SourcedBy()
  provenance?: ProvenanceDto;
}
