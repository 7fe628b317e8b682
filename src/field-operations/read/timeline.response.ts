import { ApiProperty } from '@nestjs/swagger';
import { KINDS, type Kind } from '../domain/kinds';

export class TimelineOperationResponse {
  @ApiProperty({ example: 'office-in-minsk' }) id!: string;
  @ApiProperty({ example: 'OSCE Office in Minsk', description: 'Name at the end of the year' })
  name!: string;
  @ApiProperty({ enum: KINDS, example: 'office' }) kind!: Kind;
}

export class TimelineYearResponse {
  @ApiProperty({ example: 2003 }) year!: number;
  @ApiProperty({ example: 1, description: 'How many operations were active in the year' })
  count!: number;
  @ApiProperty({ type: [TimelineOperationResponse] }) operations!: TimelineOperationResponse[];
}
