import { Module } from '@nestjs/common';
import { RecordDecisionController } from './record/record-decision.controller';
import { RecordDecisionHandler } from './record/record-decision.command';

@Module({
  controllers: [RecordDecisionController],
  providers: [RecordDecisionHandler],
})
export class DecisionsModule {}
