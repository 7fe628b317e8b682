import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { KnownAtQuery } from '../../shared/read/known-at.query';
import { DECISION_BODIES, type DecisionBody } from '../domain/decision';

export class ListDecisionsQuery extends KnownAtQuery {
  @ApiPropertyOptional({ enum: DECISION_BODIES, description: 'Only decisions of this body' })
  @IsOptional()
  @IsIn(DECISION_BODIES)
  body?: DecisionBody;
}
