import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, ValidateIf } from 'class-validator';
import { type ProvenanceDto, SourcedBy } from '../../field-operations/provenance.dto';
import { IsPartialDate, IsSlug } from '../../http/validators';

export class DissolveStateDto {
  @ApiProperty({ example: '1992-12-31', description: 'Last day of its participation (inclusive)' })
  @IsPartialDate()
  dissolvedOn!: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['czechia', 'slovakia'],
    description: 'Registered successor States',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsSlug({ each: true })
  successors?: string[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'russian-federation',
    description: 'The successor recorded as continuing its participation, if one does',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsSlug()
  continuedBy?: string | null;

  @SourcedBy()
  provenance?: ProvenanceDto;
}
