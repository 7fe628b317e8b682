import { Controller, Get, Header, Inject, Query, type StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CSV_MEDIA_TYPE, csvRecords } from '../http/csv';
import { streamedFile } from '../http/streamed-file';
import { todayUtc } from '../field-operations/read/field-operation-detail';
import { AsOfQuery } from '../shared/read/as-of.query';
import { knownAtOf } from '../shared/read/known-at.query';
import { FIELD_OPERATIONS_CSV_COLUMNS } from './csv/field-operations-csv';
import { ExportIris } from './export-iris';
import { ApiCsvExport, ApiJsonLdExport, ApiPopoloExport } from './exports.openapi';
import { JSON_LD_MEDIA_TYPE, toJsonLd } from './jsonld/jsonld';
import { toPopolo } from './popolo/popolo';
import type { PopoloExport } from './popolo/popolo.types';
import { type RegistrySnapshot, RegistrySnapshots } from './registry-snapshot';

@ApiTags('exports')
@Controller('api/exports')
export class ExportsController {
  constructor(
    @Inject(RegistrySnapshots) private readonly snapshots: RegistrySnapshots,
    @Inject(ExportIris) private readonly iris: ExportIris,
  ) {}

  private snapshot(query: AsOfQuery): Promise<RegistrySnapshot> {
    const asOf = query.asOf ?? todayUtc();
    return this.snapshots.take({ asOf, knownAt: query.knownAt, knownAtMs: knownAtOf(query) });
  }

  @Get('popolo')
  @ApiPopoloExport()
  async popolo(@Query() query: AsOfQuery): Promise<PopoloExport> {
    return toPopolo(await this.snapshot(query));
  }

  @Get('jsonld')
  @Header('Content-Type', `${JSON_LD_MEDIA_TYPE}; charset=utf-8`)
  @ApiJsonLdExport()
  async jsonLd(@Query() query: AsOfQuery): Promise<string> {
    return JSON.stringify(toJsonLd(await this.snapshot(query), this.iris));
  }

  @Get('field-operations.csv')
  @ApiCsvExport()
  async csv(@Query() query: AsOfQuery): Promise<StreamableFile> {
    const snapshot = await this.snapshot(query);
    return streamedFile(
      csvRecords(FIELD_OPERATIONS_CSV_COLUMNS, snapshot.operations),
      CSV_MEDIA_TYPE,
      `field-operations-${snapshot.asOf}.csv`,
    );
  }
}
