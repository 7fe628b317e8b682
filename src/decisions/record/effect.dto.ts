import { applyDecorators } from '@nestjs/common';
import { ApiProperty, OmitType } from '@nestjs/swagger';
import { Equals, IsIn } from 'class-validator';
import { AgreeMandateDto } from '../../field-operations/agree-mandate/agree-mandate.dto';
import { AppointHeadDto } from '../../field-operations/appoint-head/appoint-head.dto';
import { ChangeHostStatesDto } from '../../field-operations/change-host-states/change-host-states.dto';
import { ChangeSeatDto } from '../../field-operations/change-seat/change-seat.dto';
import { CloseFieldOperationDto } from '../../field-operations/close/close.dto';
import { EstablishFieldOperationDto } from '../../field-operations/establish/establish.dto';
import { ExtendMandateDto } from '../../field-operations/extend-mandate/extend-mandate.dto';
import { RecordNoteDto } from '../../field-operations/record-note/record-note.dto';
import { RenameFieldOperationDto } from '../../field-operations/rename/rename.dto';
import { IsSlug } from '../../http/validators';
import { EFFECT_ACTIONS, type EffectAction } from '../domain/decision';

/**
 * An effect is the body of a field-operation command without `decision` (the decision being
 * recorded is cited), plus `action` and, except for `establish`, the target `operation`.
 */
export class EffectDto {
  @ApiProperty({ enum: EFFECT_ACTIONS })
  @IsIn(EFFECT_ACTIONS)
  action!: EffectAction;
}

const ActionIs = (action: EffectAction): PropertyDecorator =>
  applyDecorators(ApiProperty({ enum: [action] }), Equals(action));

const TargetOperation = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({
      example: 'advisory-and-monitoring-group-in-belarus',
      description: 'Target operation id',
    }),
    IsSlug(),
  );

export class EstablishEffectDto extends OmitType(EstablishFieldOperationDto, ['decision']) {
  @ActionIs('establish')
  action!: 'establish';
}

export class AgreeMandateEffectDto extends OmitType(AgreeMandateDto, ['decision']) {
  @ActionIs('agree-mandate')
  action!: 'agree-mandate';
  @TargetOperation()
  operation!: string;
}

export class ExtendMandateEffectDto extends OmitType(ExtendMandateDto, ['decision']) {
  @ActionIs('extend-mandate')
  action!: 'extend-mandate';
  @TargetOperation()
  operation!: string;
}

export class RenameEffectDto extends OmitType(RenameFieldOperationDto, ['decision']) {
  @ActionIs('rename')
  action!: 'rename';
  @TargetOperation()
  operation!: string;
}

export class AppointHeadEffectDto extends OmitType(AppointHeadDto, ['decision']) {
  @ActionIs('appoint-head')
  action!: 'appoint-head';
  @TargetOperation()
  operation!: string;
}

export class ChangeSeatEffectDto extends OmitType(ChangeSeatDto, ['decision']) {
  @ActionIs('change-seat')
  action!: 'change-seat';
  @TargetOperation()
  operation!: string;
}

export class ChangeHostStatesEffectDto extends OmitType(ChangeHostStatesDto, ['decision']) {
  @ActionIs('change-host-states')
  action!: 'change-host-states';
  @TargetOperation()
  operation!: string;
}

export class NoteEffectDto extends OmitType(RecordNoteDto, ['decision']) {
  @ActionIs('note')
  action!: 'note';
  @TargetOperation()
  operation!: string;
}

export class CloseEffectDto extends OmitType(CloseFieldOperationDto, ['decision']) {
  @ActionIs('close')
  action!: 'close';
  @TargetOperation()
  operation!: string;
}

export const EFFECT_TYPES = [
  { name: 'establish', value: EstablishEffectDto },
  { name: 'agree-mandate', value: AgreeMandateEffectDto },
  { name: 'extend-mandate', value: ExtendMandateEffectDto },
  { name: 'rename', value: RenameEffectDto },
  { name: 'appoint-head', value: AppointHeadEffectDto },
  { name: 'change-seat', value: ChangeSeatEffectDto },
  { name: 'change-host-states', value: ChangeHostStatesEffectDto },
  { name: 'note', value: NoteEffectDto },
  { name: 'close', value: CloseEffectDto },
];
