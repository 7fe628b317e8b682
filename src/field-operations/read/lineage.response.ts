import { ApiProperty } from '@nestjs/swagger';
import { KINDS, type Kind } from '../domain/kinds';

export class LineageNodeResponse {
  @ApiProperty({ example: 'mission-to-croatia' }) id!: string;
  @ApiProperty({ example: 'OSCE Mission to Croatia', description: 'The last name' })
  name!: string;
  @ApiProperty({ enum: KINDS, example: 'mission' }) kind!: Kind;
  @ApiProperty({ example: '1996-04-18' }) establishedOn!: string;
  @ApiProperty({ type: String, nullable: true, example: '2007-12-31' }) closedOn!: string | null;
}

export class SuccessionResponse {
  @ApiProperty({ example: 'mission-to-croatia' }) predecessor!: string;
  @ApiProperty({ example: 'office-in-zagreb' }) successor!: string;
}

export class LineageResponse {
  @ApiProperty({ example: 'office-in-zagreb', description: 'The operation asked about' })
  root!: string;
  @ApiProperty({
    type: [LineageNodeResponse],
    description: 'Every operation reachable through succession links, either way',
  })
  nodes!: LineageNodeResponse[];
  @ApiProperty({ type: [SuccessionResponse] }) edges!: SuccessionResponse[];
}
