import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { type ProvenanceDto, SourcedBy } from '../../field-operations/provenance.dto';
import { HasText, IsPartialDate } from '../../http/validators';

export class AppointChairpersonInOfficeDto {
  @ApiProperty({ example: 'Alexander Stubb' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @HasText()
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Minister for Foreign Affairs' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @HasText()
  role?: string | null;

  @ApiProperty({ example: '2008-04-04', description: 'First day (YYYY, YYYY-MM or YYYY-MM-DD)' })
  @IsPartialDate()
  from!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2008-12-31',
    description:
      'Last day, inclusive; omitted: until the next one or the end of the Chairpersonship',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsPartialDate()
  to?: string | null;

  @ApiPropertyOptional({
    example: false,
    description: "The source gives no dates: the Chairpersonship's period stands in for them",
  })
  @IsOptional()
  @IsBoolean()
  datesFromPeriod?: boolean;

  @SourcedBy()
  provenance?: ProvenanceDto;
}
