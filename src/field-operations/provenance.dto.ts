import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  registerDecorator,
  ValidateNested,
} from 'class-validator';
import { HasText } from '../http/validators';
import { hasText } from '../shared/domain/text';
import { PROVENANCE_LIMITS as L } from './domain/provenance';

/** An object whose values are all non-empty text, with bounded keys and size. */
function IsTextMap(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTextMap',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= L.confidenceEntries &&
          Object.entries(value).every(
            ([k, v]) =>
              hasText(k) &&
              k.length <= L.confidenceKey &&
              typeof v === 'string' &&
              hasText(v) &&
              v.length <= L.text,
          ),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an object of at most ${L.confidenceEntries} entries, each naming what it rates (at most ${L.confidenceKey} characters) with non-empty text (at most ${L.text})`,
      },
    });
}

export class ConflictDto {
  @ApiProperty({
    example: 'established.effectiveDate',
    description: 'What the sources disagree on',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(L.confidenceKey)
  @HasText()
  field!: string;

  @ApiProperty({
    type: [String],
    example: ['1993-04-25 (react.usip.org)', '1993-04-23 (Moldovan MFA)'],
    description: 'The values the sources give, each with where it comes from',
  })
  @IsArray()
  @ArrayMinSize(2, { message: 'values must list at least the two values the sources disagree on' })
  @ArrayMaxSize(L.conflictValues)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(L.text, { each: true })
  @HasText({ each: true })
  values!: string[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'use 1993-04-25 (2 sources)',
    description: 'How the research resolved it',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(L.text)
  @HasText()
  resolution?: string | null;
}

/** Where a fact comes from, kept on its event and shown in the history. */
export class ProvenanceDto {
  @ApiProperty({
    type: [String],
    example: ['https://www.osce.org/minsk/43444'],
    description: `Source URLs or citations behind the fact (at most ${L.sources})`,
  })
  @IsArray()
  @ArrayMaxSize(L.sources)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(L.source, { each: true })
  @HasText({ each: true })
  sources!: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { established: 'high', seat: 'medium (implied by the headquarters address)' },
    description: 'Confidence of the research, per aspect of the fact',
  })
  @IsOptional()
  @IsTextMap()
  confidence?: Record<string, string>;

  @ApiPropertyOptional({ type: [ConflictDto], description: 'Disagreements between sources' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.conflicts)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ConflictDto)
  conflicts?: ConflictDto[];

  @ApiPropertyOptional({
    type: [String],
    example: ['Decided on 2002-12-30; in effect from 2003-01-01.'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.notes)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(L.note, { each: true })
  @HasText({ each: true })
  notes?: string[];
}

/**
 * A note's provenance, which the note requires: it names at least one source. (Provenance in
 * general may name none: the bundled history has facts whose only source gives no reference.)
 */
export class NoteProvenanceDto extends ProvenanceDto {
  @ApiProperty({
    type: [String],
    example: ['https://www.osce.org/minsk/43444'],
    description: `Source URLs or citations behind the note (1 to ${L.sources})`,
  })
  @ArrayMinSize(1, { message: 'sources must name at least one source' })
  override sources: string[] = [];
}

/** The optional `provenance` of every field-operation command body. */
export const SourcedBy = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: ProvenanceDto, description: 'Where the fact comes from' }),
    IsOptional(),
    IsObject(),
    ValidateNested(),
    Type(() => ProvenanceDto),
  );
