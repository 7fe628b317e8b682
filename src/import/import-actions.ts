import type { ICommand } from '@nestjs/cqrs';
import { AppointChairpersonInOfficeCommand } from '../chairpersonships/appoint-chairperson-in-office/appoint-chairperson-in-office.command';
import { AppointChairpersonInOfficeDto } from '../chairpersonships/appoint-chairperson-in-office/appoint-chairperson-in-office.dto';
import { AssumeChairpersonshipCommand } from '../chairpersonships/assume/assume.command';
import { AssumeChairpersonshipDto } from '../chairpersonships/assume/assume.dto';
import { RecordDecisionCommand } from '../decisions/record/record-decision.command';
import { RecordDecisionDto } from '../decisions/record/record-decision.dto';
import { AgreeMandateCommand } from '../field-operations/agree-mandate/agree-mandate.command';
import { AgreeMandateDto } from '../field-operations/agree-mandate/agree-mandate.dto';
import { AppointHeadCommand } from '../field-operations/appoint-head/appoint-head.command';
import { AppointHeadDto } from '../field-operations/appoint-head/appoint-head.dto';
import { ChangeHostStatesCommand } from '../field-operations/change-host-states/change-host-states.command';
import { ChangeHostStatesDto } from '../field-operations/change-host-states/change-host-states.dto';
import { ChangeSeatCommand } from '../field-operations/change-seat/change-seat.command';
import { ChangeSeatDto } from '../field-operations/change-seat/change-seat.dto';
import { CloseFieldOperationCommand } from '../field-operations/close/close.command';
import { CloseFieldOperationDto } from '../field-operations/close/close.dto';
import { EstablishFieldOperationCommand } from '../field-operations/establish/establish.command';
import { EstablishFieldOperationDto } from '../field-operations/establish/establish.dto';
import { ExtendMandateCommand } from '../field-operations/extend-mandate/extend-mandate.command';
import { ExtendMandateDto } from '../field-operations/extend-mandate/extend-mandate.dto';
import { RecordNoteCommand } from '../field-operations/record-note/record-note.command';
import { RecordNoteDto } from '../field-operations/record-note/record-note.dto';
import { RenameFieldOperationCommand } from '../field-operations/rename/rename.command';
import { RenameFieldOperationDto } from '../field-operations/rename/rename.dto';
import { AdmitStateCommand } from '../participating-states/admit/admit.command';
import { AdmitStateDto } from '../participating-states/admit/admit.dto';
import { ContinueParticipationCommand } from '../participating-states/continue/continue.command';
import { ContinueParticipationDto } from '../participating-states/continue/continue.dto';
import { DissolveStateCommand } from '../participating-states/dissolve/dissolve.command';
import { DissolveStateDto } from '../participating-states/dissolve/dissolve.dto';
import { ReadmitStateCommand } from '../participating-states/readmit/readmit.command';
import { ReadmitStateDto } from '../participating-states/readmit/readmit.dto';
import { RenameStateCommand } from '../participating-states/rename/rename.command';
import { RenameStateDto } from '../participating-states/rename/rename.dto';
import { SuspendStateCommand } from '../participating-states/suspend/suspend.command';
import { SuspendStateDto } from '../participating-states/suspend/suspend.dto';
import type { CommandContext } from '../shared/application/command-context';
import type { Capability } from './import-plan';

type Body = Record<string, unknown>;
type Make = (payload: never, context: CommandContext) => ICommand;

/** How one action of the data set becomes a command: the DTO that validates its body, the command. */
export interface ImportAction {
  /** Validates the body exactly as the HTTP endpoint would. */
  readonly dto: new () => object;
  /** The body a client would post, from the data set's record id and event data. */
  readonly body: (record: string, data: Body) => Body;
  /** The command, from the validated body (plus what the route would carry, such as the id). */
  readonly command: (record: string, body: Body, context: CommandContext) => ICommand;
}

/** The data set writes absent values as null; a request leaves the field out. */
export function withoutNulls(data: Body): Body {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== null));
}

/** The body is the whole command (it names its own id). */
const whole = (
  dto: new () => object,
  make: Make,
  body = (record: string, data: Body) => data,
): ImportAction => ({
  dto,
  body: (record, data) => withoutNulls(body(record, data)),
  command: (_record, body, context) => make(body as never, context),
});

/** The id travels in the route: `idKey` is filled from the record. */
const routed = (
  dto: new () => object,
  make: Make,
  idKey: string,
  body = (_record: string, data: Body) => data,
): ImportAction => ({
  dto,
  body: (record, data) => withoutNulls(body(record, data)),
  command: (record, body, context) => make({ ...body, [idKey]: record } as never, context),
});

export const IMPORT_ACTIONS: Record<string, ImportAction> = {
  'participating-state:admit': whole(
    AdmitStateDto,
    (p, c) => new AdmitStateCommand(p, c),
    (id, d) => ({ id, ...d }),
  ),
  'participating-state:continue': whole(
    ContinueParticipationDto,
    (p, c) => new ContinueParticipationCommand(p, c),
    (id, d) => ({ id, ...d }),
  ),
  'participating-state:suspend': routed(
    SuspendStateDto,
    (p, c) => new SuspendStateCommand(p, c),
    'id',
  ),
  'participating-state:readmit': routed(
    ReadmitStateDto,
    (p, c) => new ReadmitStateCommand(p, c),
    'id',
  ),
  'participating-state:rename': routed(
    RenameStateDto,
    (p, c) => new RenameStateCommand(p, c),
    'id',
  ),
  'participating-state:dissolve': routed(
    DissolveStateDto,
    (p, c) => new DissolveStateCommand(p, c),
    'id',
  ),
  'chairpersonship:assume-chairpersonship': whole(
    AssumeChairpersonshipDto,
    (p, c) => new AssumeChairpersonshipCommand(p, c),
    (_id, { chairpersonship, ...rest }) => ({ id: chairpersonship, ...rest }),
  ),
  'chairpersonship:appoint-chairperson-in-office': routed(
    AppointChairpersonInOfficeDto,
    (p, c) => new AppointChairpersonInOfficeCommand(p, c),
    'id',
    (_id, { chairpersonship: _c, ...rest }) => rest,
  ),
  'decision:record-decision': whole(
    RecordDecisionDto,
    (p, c) => new RecordDecisionCommand(p, c),
    (_id, data) => ({
      ...data,
      effects: ((data.effects as Body[] | undefined) ?? []).map(effectBody),
    }),
  ),
  'field-operation:establish': whole(
    EstablishFieldOperationDto,
    (p, c) => new EstablishFieldOperationCommand(p, c),
    (_id, d) => establishBody(d),
  ),
  'field-operation:agree-mandate': routed(
    AgreeMandateDto,
    (p, c) => new AgreeMandateCommand(p, c),
    'operationId',
  ),
  'field-operation:extend-mandate': routed(
    ExtendMandateDto,
    (p, c) => new ExtendMandateCommand(p, c),
    'operationId',
  ),
  'field-operation:rename': routed(
    RenameFieldOperationDto,
    (p, c) => new RenameFieldOperationCommand(p, c),
    'operationId',
  ),
  'field-operation:appoint-head': routed(
    AppointHeadDto,
    (p, c) => new AppointHeadCommand(p, c),
    'operationId',
  ),
  'field-operation:close': routed(
    CloseFieldOperationDto,
    (p, c) => new CloseFieldOperationCommand(p, c),
    'operationId',
  ),
  'field-operation:change-seat': routed(
    ChangeSeatDto,
    (p, c) => new ChangeSeatCommand(p, c),
    'operationId',
  ),
  'field-operation:change-host-states': routed(
    ChangeHostStatesDto,
    (p, c) => new ChangeHostStatesCommand(p, c),
    'operationId',
  ),
  'field-operation:note': routed(
    RecordNoteDto,
    (p, c) => new RecordNoteCommand(p, c),
    'operationId',
    (_id, d) => noteBody(d),
  ),
};

export function actionOf(capability: Capability, action: string): ImportAction | undefined {
  return IMPORT_ACTIONS[`${capability}:${action}`];
}

function establishBody(data: Body): Body {
  const body = withoutNulls(data);
  const mandate = data.mandate as Body | null | undefined;
  return mandate ? { ...body, mandate: withoutNulls(mandate) } : body;
}

/** The data set's note (`date`, `summary`) as the registry's (`on`, `text`). */
function noteBody({ date, summary, ...rest }: Body): Body {
  return withoutNulls({ ...rest, on: date, text: summary });
}

function effectBody(effect: Body): Body {
  if (effect.action === 'establish') return establishBody(effect);
  if (effect.action === 'note') return noteBody(effect);
  return withoutNulls(effect);
}
