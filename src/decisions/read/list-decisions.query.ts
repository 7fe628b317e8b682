import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { MinPositionQuery } from '../../http';
import { DECISION_BODIES, type DecisionBody } from '../domain/decision';

export class ListDecisionsQuery extends MinPositionQuery {
  @ApiPropertyOptional({ enum: DECISION_BODIES, description: 'Only decisions of this body' })
  @IsOptional()
  @IsIn(DECISION_BODIES)
  body?: DecisionBody;
}
