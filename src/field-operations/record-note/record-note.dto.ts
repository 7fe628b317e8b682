import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { HasText, IsPartialDate } from '../../http/validators';
import { NOTE_CATEGORIES, type NoteCategory } from '../domain/events';
import { NoteProvenanceDto } from '../provenance.dto';

export class RecordNoteDto {
  @ApiPropertyOptional({
    example: '1999-01',
    description: 'What the note is dated (YYYY, YYYY-MM or YYYY-MM-DD); omitted when undated',
  })
  @IsOptional()
  @IsPartialDate()
  on?: string;

  @ApiPropertyOptional({ enum: NOTE_CATEGORIES, example: 'deployment' })
  @IsOptional()
  @IsIn(NOTE_CATEGORIES)
  category?: NoteCategory;

  @ApiProperty({ example: 'Centre started operations in January 1999.' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  @HasText()
  text!: string;

  @ApiPropertyOptional({ example: 'PC.DEC/59', description: 'Reference of a registered decision' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  decision?: string;

  @ApiProperty({ type: NoteProvenanceDto, description: 'Where the note comes from' })
  @IsObject()
  @ValidateNested()
  @Type(() => NoteProvenanceDto)
  provenance!: NoteProvenanceDto;
}
