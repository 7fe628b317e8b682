import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { KnownAtQuery } from '../../shared/read/known-at.query';
import { Paged } from '../../shared/read/page.query';
import { DECISION_BODIES, type DecisionBody } from '../domain/decision';

/** `GET /api/decisions`: recorded up to knownAt, optionally of one body, by page. */
export class ListDecisionsQuery extends Paged(KnownAtQuery) {
  @ApiPropertyOptional({ enum: DECISION_BODIES, description: 'Only decisions of this body' })
  @IsOptional()
  @IsIn(DECISION_BODIES)
  body?: DecisionBody;
}
