import { ApiProperty } from '@nestjs/swagger';

export class ParticipatingStateResponse {
  @ApiProperty({ example: 'belarus' }) id!: string;
  @ApiProperty({ example: 'Belarus' }) name!: string;
  @ApiProperty({ description: 'YYYY, YYYY-MM or YYYY-MM-DD', example: '1992-01-30' })
  admittedOn!: string;
}

export class ParticipatingStateListResponse {
  @ApiProperty({ type: [ParticipatingStateResponse] }) items!: ParticipatingStateResponse[];
}
