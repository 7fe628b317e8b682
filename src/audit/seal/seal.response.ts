import { ApiProperty } from '@nestjs/swagger';
import type { RecordedSeal } from './ledger-seal';
import type { SealOutcome } from './ledger-sealer';

export class SealResponse {
  @ApiProperty({ example: 'ledger-seals' }) stream!: string;
  @ApiProperty({ description: 'Revision in the ledger-seals stream' }) revision!: number;
  @ApiProperty({ description: 'Position of the LedgerSealed event' }) position!: number;
  @ApiProperty({ description: 'Every event at or before this position is covered' })
  upToPosition!: number;
  @ApiProperty() eventCount!: number;
  @ApiProperty({ description: 'RFC 6962 Merkle root (hex SHA-256) over the event hashes' })
  root!: string;
}

export class SealOutcomeResponse {
  @ApiProperty({ description: 'False when nothing but seals was recorded since the last seal' })
  created!: boolean;
  @ApiProperty({ type: SealResponse, nullable: true, description: 'Null for an empty log' })
  seal!: SealResponse | null;
}

export function sealResponseOf(seal: RecordedSeal): SealResponse {
  return {
    stream: seal.stream,
    revision: Number(seal.revision),
    position: Number(seal.position),
    upToPosition: seal.data.upToPosition,
    eventCount: seal.data.eventCount,
    root: seal.data.root,
  };
}

export function sealOutcomeResponseOf(outcome: SealOutcome): SealOutcomeResponse {
  return { created: outcome.created, seal: outcome.seal ? sealResponseOf(outcome.seal) : null };
}
