import { Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { StreamWriter } from './stream-writer';

/** The command bus and the shared write path, available to every capability. */
@Global()
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [StreamWriter],
  exports: [StreamWriter, CqrsModule],
})
export class ApplicationModule {}
