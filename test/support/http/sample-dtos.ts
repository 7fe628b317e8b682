import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, ValidateNested } from 'class-validator';
import { IsDay, IsPartialDate, IsSlug } from '../../../src/http/validators';

/** DTOs shaped like a decision with effects, for the HTTP layer's own tests. */
export class SampleEffect {
  @IsIn(['establish', 'close'])
  action!: string;
}

export class SampleEstablishEffect extends SampleEffect {
  @IsSlug()
  id!: string;

  @IsArray()
  @IsSlug({ each: true })
  hostStates!: string[];

  @IsPartialDate()
  establishedOn!: string;
}

export class SampleCloseEffect extends SampleEffect {
  @IsSlug()
  operation!: string;

  @IsPartialDate()
  closedOn!: string;
}

export class SampleDecisionDto {
  @IsString()
  reference!: string;

  @IsPartialDate()
  adoptedOn!: string;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SampleEffect, {
    keepDiscriminatorProperty: true,
    discriminator: {
      property: 'action',
      subTypes: [
        { name: 'establish', value: SampleEstablishEffect },
        { name: 'close', value: SampleCloseEffect },
      ],
    },
  })
  effects?: SampleEffect[];
}

export class SampleAsOfQuery {
  @IsOptional()
  @IsDay()
  asOf?: string;
}
