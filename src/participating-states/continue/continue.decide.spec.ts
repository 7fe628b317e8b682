import {
  admitted,
  continued,
  dissolved,
  givenState,
  otherStates,
} from '../../../test/support/state-decider-spec';
import { decideContinue } from './continue.decide';

const russia = {
  id: 'russian-federation',
  name: 'Russian Federation',
  continuedOn: '1991',
  continues: 'soviet-union',
};
const ussr = admitted('soviet-union', 'Union of Soviet Socialist Republics', '1973-06-25');

describe("continue another State's participation", () => {
  it('given the USSR is registered, records ParticipationContinued for the Russian Federation', () => {
    givenState()
      .when((state) => decideContinue(russia, state, otherStates({ 'soviet-union': [ussr] })))
      .then([continued('russian-federation', 'Russian Federation', '1991', 'soviet-union')]);
  });

  it('accepts a continuation of a State already dissolved on the same day (Serbia, 2006-06-03)', () => {
    const union = [
      admitted('serbia-and-montenegro', 'Federal Republic of Yugoslavia', '2000-11-10'),
      dissolved('serbia-and-montenegro', '2006-06-03', ['montenegro']),
    ];
    const serbia = {
      id: 'serbia',
      name: 'Serbia',
      continuedOn: '2006-06-03',
      continues: 'serbia-and-montenegro',
    };
    givenState()
      .when((state) =>
        decideContinue(serbia, state, otherStates({ 'serbia-and-montenegro': union })),
      )
      .then([continued('serbia', 'Serbia', '2006-06-03', 'serbia-and-montenegro')]);
  });

  it('refuses an id already registered', () => {
    givenState(admitted('russian-federation', 'Russian Federation', '1991'))
      .when((state) => decideContinue(russia, state, otherStates({ 'soviet-union': [ussr] })))
      .thenRefuses('already-admitted', 409, '/id');
  });

  it('refuses to continue an unregistered State', () => {
    givenState()
      .when((state) => decideContinue(russia, state, otherStates()))
      .thenRefuses('unknown-state', 422, '/continues');
  });

  it('refuses to continue itself', () => {
    givenState()
      .when((state) =>
        decideContinue({ ...russia, continues: 'russian-federation' }, state, otherStates()),
      )
      .thenRefuses('self-reference', 422, '/continues');
  });

  it("refuses a continuation before the continued State's participation began", () => {
    givenState()
      .when((state) =>
        decideContinue(
          { ...russia, continuedOn: '1972' },
          state,
          otherStates({ 'soviet-union': [ussr] }),
        ),
      )
      .thenRefuses('before-admission', 422, '/continuedOn');
  });

  it('refuses to continue a State dissolved before the continuation began', () => {
    const gone = [ussr, dissolved('soviet-union', '1991-12-25')];
    givenState()
      .when((state) =>
        decideContinue(
          { ...russia, continuedOn: '1992' },
          state,
          otherStates({ 'soviet-union': gone }),
        ),
      )
      .thenRefuses('continued-after-dissolution', 422, '/continuedOn');
  });

  it('refuses to continue a State recorded as continued by another', () => {
    const other = [ussr, dissolved('soviet-union', '1991', ['ukraine'], 'ukraine')];
    givenState()
      .when((state) => decideContinue(russia, state, otherStates({ 'soviet-union': other })))
      .thenRefuses('continued-by-another', 409, '/continues');
  });
});
