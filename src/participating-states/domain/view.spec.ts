import {
  admitted,
  continued,
  dissolved,
  readmitted,
  renamed,
  suspended,
} from '../../../test/support/state-decider-spec';
import { foldState, type ParticipatingStateRecord } from './participating-state';
import { type Registry, statusOn, viewOn } from './view';

type Event = { type: string; data: unknown };
const registryOf = (...streams: Event[][]): Registry =>
  new Map(
    streams.map((events) => {
      const state = foldState(events) as ParticipatingStateRecord;
      return [state.stateId, state];
    }),
  );

const ussr = [
  admitted('soviet-union', 'Union of Soviet Socialist Republics', '1973-06-25'),
  dissolved('soviet-union', '1991', ['russian-federation'], 'russian-federation'),
];
const russia = [continued('russian-federation', 'Russian Federation', '1991', 'soviet-union')];
const sfry = [
  admitted('yugoslavia', 'Socialist Federal Republic of Yugoslavia', '1973-06-25'),
  suspended('yugoslavia', '1992-07-08'),
];
const fry = [
  admitted('serbia-and-montenegro', 'Federal Republic of Yugoslavia', '2000-11-10'),
  renamed('serbia-and-montenegro', 'Serbia and Montenegro', '2003-02-04'),
  dissolved('serbia-and-montenegro', '2006-06-03', ['serbia', 'montenegro'], 'serbia'),
];
const serbia = [continued('serbia', 'Serbia', '2006-06-03', 'serbia-and-montenegro')];
const registry = registryOf(ussr, russia, sfry, fry, serbia);
const status = (id: string, day: string) => statusOn(registry.get(id)!, day, registry);

describe('a participating State on a day', () => {
  it('is not yet admitted before its first day, participating from it', () => {
    expect(status('yugoslavia', '1973-06-24')).toBe('not-yet-admitted');
    expect(status('yugoslavia', '1973-06-25')).toBe('participating');
  });

  it('is suspended from the first day of its suspension, and again participating once readmitted', () => {
    expect(status('yugoslavia', '1992-07-07')).toBe('participating');
    expect(status('yugoslavia', '1992-07-08')).toBe('suspended');
    const back = registryOf([...sfry, readmitted('yugoslavia', '2001')]);
    expect(statusOn(back.get('yugoslavia')!, '2000-12-31', back)).toBe('suspended');
    expect(statusOn(back.get('yugoslavia')!, '2001-01-01', back)).toBe('participating');
  });

  it('is continued once its continuator has begun, then dissolved after its last day', () => {
    expect(status('soviet-union', '1990-12-31')).toBe('participating');
    expect(status('soviet-union', '1991-01-01')).toBe('continued');
    expect(status('russian-federation', '1991-01-01')).toBe('participating');
    expect(status('soviet-union', '1992-01-01')).toBe('dissolved');
    expect(status('serbia-and-montenegro', '2006-06-02')).toBe('participating');
    expect(status('serbia-and-montenegro', '2006-06-03')).toBe('continued');
    expect(status('serbia-and-montenegro', '2006-06-04')).toBe('dissolved');
  });

  it('shows the name in force on the day, and succession links from both sides', () => {
    const view = viewOn(registry.get('serbia-and-montenegro')!, '2001-01-01', registry);
    expect(view).toMatchObject({
      name: 'Federal Republic of Yugoslavia',
      successors: ['serbia', 'montenegro'],
      continuedBy: 'serbia',
      dissolvedOn: '2006-06-03',
    });
    expect(viewOn(registry.get('serbia-and-montenegro')!, '2003-02-04', registry).name).toBe(
      'Serbia and Montenegro',
    );
    expect(viewOn(registry.get('serbia')!, '2020-01-01', registry)).toMatchObject({
      continues: 'serbia-and-montenegro',
      predecessors: ['serbia-and-montenegro'],
    });
    const yugoslavia = viewOn(registry.get('yugoslavia')!, '1995-01-01', registry);
    expect(yugoslavia).toMatchObject({ status: 'suspended', suspendedSince: '1992-07-08' });
  });

  it('finds the continuator from its own record when the dissolution does not name it', () => {
    const unnamed = registryOf(
      [ussr[0], dissolved('soviet-union', '1991', ['russian-federation'])],
      russia,
    );
    expect(statusOn(unnamed.get('soviet-union')!, '1991-06-01', unnamed)).toBe('continued');
  });
});
