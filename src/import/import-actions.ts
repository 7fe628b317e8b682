import type { ICommand } from '@nestjs/cqrs';
import { RecordDecisionCommand } from '../decisions/record/record-decision.command';
import { RecordDecisionDto } from '../decisions/record/record-decision.dto';
import { AgreeMandateCommand } from '../field-operations/agree-mandate/agree-mandate.command';
import { AgreeMandateDto } from '../field-operations/agree-mandate/agree-mandate.dto';
import { AppointHeadCommand } from '../field-operations/appoint-head/appoint-head.command';
import { AppointHeadDto } from '../field-operations/appoint-head/appoint-head.dto';
import { CloseFieldOperationCommand } from '../field-operations/close/close.command';
import { CloseFieldOperationDto } from '../field-operations/close/close.dto';
import { EstablishFieldOperationCommand } from '../field-operations/establish/establish.command';
import { EstablishFieldOperationDto } from '../field-operations/establish/establish.dto';
import { ExtendMandateCommand } from '../field-operations/extend-mandate/extend-mandate.command';
import { ExtendMandateDto } from '../field-operations/extend-mandate/extend-mandate.dto';
import { RenameFieldOperationCommand } from '../field-operations/rename/rename.command';
import { RenameFieldOperationDto } from '../field-operations/rename/rename.dto';
import { AdmitStateCommand } from '../participating-states/admit/admit.command';
import { AdmitStateDto } from '../participating-states/admit/admit.dto';
import type { CommandContext } from '../shared/application/command-context';
import type { Capability } from './import-plan';

/** How one action of the data set becomes a command: the DTO that validates it, and the command. */
export interface ImportAction {
  /** Validates the body exactly as the HTTP endpoint would. */
  readonly dto: new () => object;
  /** Reshapes the data set's body into the DTO's, where the two differ. */
  readonly body?: (record: string, data: Record<string, unknown>) => Record<string, unknown>;
  readonly command: (record: string, body: never, context: CommandContext) => ICommand;
}

/** The data set's bodies carry nulls where a value is absent; the DTOs want the field left out. */
export function withoutNulls(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== null));
}

const operation = (
  dto: new () => object,
  make: (payload: never, context: CommandContext) => ICommand,
): ImportAction => ({
  dto,
  command: (record, body: Record<string, unknown>, context) =>
    make({ ...body, operationId: record } as never, context),
});

export const IMPORT_ACTIONS: Record<string, ImportAction> = {
  'participating-state:admit': {
    dto: AdmitStateDto,
    body: (record, data) => ({ id: record, ...data }),
    command: (_record, body, context) => new AdmitStateCommand(body, context),
  },
  'decision:record-decision': {
    dto: RecordDecisionDto,
    body: (_record, data) => ({
      ...withoutNulls(data),
      effects: ((data.effects as Array<Record<string, unknown>>) ?? []).map(effectBody),
    }),
    command: (_record, body, context) => new RecordDecisionCommand(body, context),
  },
  'field-operation:establish': {
    dto: EstablishFieldOperationDto,
    body: (_record, data) => establishBody(data),
    command: (_record, body, context) => new EstablishFieldOperationCommand(body, context),
  },
  'field-operation:agree-mandate': operation(
    AgreeMandateDto,
    (p, c) => new AgreeMandateCommand(p, c),
  ),
  'field-operation:extend-mandate': operation(
    ExtendMandateDto,
    (p, c) => new ExtendMandateCommand(p, c),
  ),
  'field-operation:rename': operation(
    RenameFieldOperationDto,
    (p, c) => new RenameFieldOperationCommand(p, c),
  ),
  'field-operation:appoint-head': operation(AppointHeadDto, (p, c) => new AppointHeadCommand(p, c)),
  'field-operation:close': operation(
    CloseFieldOperationDto,
    (p, c) => new CloseFieldOperationCommand(p, c),
  ),
};

export function actionOf(capability: Capability, action: string): ImportAction | undefined {
  return IMPORT_ACTIONS[`${capability}:${action}`];
}

function establishBody(data: Record<string, unknown>): Record<string, unknown> {
  const body = withoutNulls(data);
  const mandate = data.mandate as Record<string, unknown> | null | undefined;
  return mandate ? { ...body, mandate: withoutNulls(mandate) } : body;
}

function effectBody(effect: Record<string, unknown>): Record<string, unknown> {
  return effect.action === 'establish' ? establishBody(effect) : withoutNulls(effect);
}
