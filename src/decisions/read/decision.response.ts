import { ApiProperty } from '@nestjs/swagger';
import {
  DECISION_BODIES,
  type DecisionBody,
  EFFECT_ACTIONS,
  type EffectAction,
} from '../domain/decision';

export class DecisionEffectResponse {
  @ApiProperty({ enum: EFFECT_ACTIONS, example: 'establish' }) action!: EffectAction;
  @ApiProperty({ description: 'Id of the field operation it changed', example: 'office-in-minsk' })
  operation!: string;
}

export class DecisionResponse {
  @ApiProperty({ description: 'Slug of the reference', example: 'pc-dec-526' }) id!: string;
  @ApiProperty({ example: 'PC.DEC/526' }) reference!: string;
  @ApiProperty({ enum: DECISION_BODIES, example: 'permanent-council' }) body!: DecisionBody;
  @ApiProperty({ description: 'YYYY, YYYY-MM or YYYY-MM-DD', example: '2002-12-30' })
  adoptedOn!: string;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, nullable: true }) sourceUrl!: string | null;
  @ApiProperty({ type: [DecisionEffectResponse] }) effects!: DecisionEffectResponse[];
  @ApiProperty({ description: 'Global position of the recorded decision', example: 4 })
  position!: number;
  @ApiProperty({ example: '2024-01-02T09:30:00.123Z' }) recordedAt!: string;
  @ApiProperty({ type: String, nullable: true }) actor!: string | null;
}

export class DecisionListResponse {
  @ApiProperty({ type: [DecisionResponse] }) items!: DecisionResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `after` for the next page: the last id here; null on the last page',
    example: 'pc-dec-526',
  })
  next!: string | null;
}
