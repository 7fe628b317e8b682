import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { HasText, IsPartialDate } from '../../http/validators';
import { DECISION_BODIES, type DecisionBody } from '../domain/decision';
import { EFFECT_TYPES, EffectDto } from './effect.dto';
import type { Effect } from './record-decision.decide';

@ApiExtraModels(...EFFECT_TYPES.map((t) => t.value))
export class RecordDecisionDto {
  @ApiProperty({
    example: 'PC.DEC/526',
    description: "The decision's reference; its id is the slug (pc-dec-526)",
  })
  @IsString()
  @MaxLength(100)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 .,/()-]*$/, {
    message:
      'reference must start with a letter or digit and use letters, digits, spaces and . , / ( ) -',
  })
  reference!: string;

  @ApiProperty({ enum: DECISION_BODIES, example: 'permanent-council' })
  @IsIn(DECISION_BODIES)
  body!: DecisionBody;

  @ApiProperty({ example: '2002-12-30', description: 'YYYY, YYYY-MM or YYYY-MM-DD' })
  @IsPartialDate()
  adoptedOn!: string;

  @ApiPropertyOptional({ example: 'Establishment of the OSCE Office in Minsk' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @HasText()
  title?: string;

  @ApiPropertyOptional({ example: 'https://www.osce.org/pc/13845' })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(2000)
  sourceUrl?: string;

  @ApiPropertyOptional({
    description:
      'Changes the decision makes, validated and recorded together with it (all or nothing)',
    type: 'array',
    items: { oneOf: EFFECT_TYPES.map((t) => ({ $ref: getSchemaPath(t.value) })) },
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => EffectDto, {
    discriminator: { property: 'action', subTypes: EFFECT_TYPES },
    keepDiscriminatorProperty: true,
  })
  effects?: Effect[];
}
