import { slugOfReference } from '../../src/shared/domain/slug';

/**
 * State ids: the kebab-case slug of the State's short name, except for former States, which take
 * the short name they are known by. Aliases are the other names the sources use for a State.
 */
const IDS: Record<string, string> = {
  'Union of Soviet Socialist Republics': 'soviet-union',
  'German Democratic Republic': 'german-democratic-republic',
  'Czech and Slovak Federal Republic (Czechoslovakia)': 'czechoslovakia',
  'Czech and Slovak Federal Republic': 'czechoslovakia',
  'Socialist Federal Republic of Yugoslavia': 'yugoslavia',
  'Federal Republic of Yugoslavia': 'serbia-and-montenegro',
  'Serbia and Montenegro': 'serbia-and-montenegro',
  'Czech Republic': 'czechia',
  Turkey: 'turkiye',
  'the former Yugoslav Republic of Macedonia': 'north-macedonia',
};

export function stateIdOf(name: string): string {
  return IDS[name] ?? slugOfReference(name.normalize('NFKD').replace(/\p{M}/gu, ''));
}
