import { Module } from '@nestjs/common';
import { importerProvider } from '../import/import.module';
import { SeedService } from './seed.service';

@Module({ providers: [SeedService, importerProvider], exports: [importerProvider] })
export class SeedModule {}
