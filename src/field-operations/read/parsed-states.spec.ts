import { ParsedStates } from './parsed-states';

const json = (id: string, padding = 0): string =>
  JSON.stringify({
    id,
    names: [{ name: `Operation ${id}`, from: '2001' }],
    note: 'x'.repeat(padding),
  });

describe('ParsedStates', () => {
  it('parses a version once: the same position answers the state parsed the first time', () => {
    const states = new ParsedStates();
    const first = states.of(7, json('a'));
    // Had it parsed again, the second JSON would show.
    expect(states.of(7, json('b'))).toBe(first);
    expect(first.id).toBe('a');
    expect(states.of(8, json('b')).id).toBe('b');
  });

  it('hands out frozen states, so that no reader can change what the others read', () => {
    const state = new ParsedStates().of(1, json('a'));
    expect(Object.isFrozen(state)).toBe(true);
    expect(Object.isFrozen(state.names)).toBe(true);
    expect(Object.isFrozen(state.names[0])).toBe(true);
    expect(() => (state.names as unknown as string[]).push('b')).toThrow(TypeError);
  });

  it('drops the least recently read first once the JSON held passes the budget', () => {
    const size = json('a', 100).length;
    const states = new ParsedStates(size * 2);
    const a = states.of(1, json('a', 100));
    states.of(2, json('b', 100));
    expect(states.of(1, json('changed', 100))).toBe(a); // 1 is now the most recently read
    states.of(3, json('c', 100));
    expect(states.size).toBe(2);
    expect(states.of(1, json('changed', 100))).toBe(a);
    expect(states.of(2, json('b again', 100)).id).toBe('b again'); // 2 was dropped, parsed anew
  });

  it('does not keep a state larger than the whole budget', () => {
    const states = new ParsedStates(10);
    expect(states.of(1, json('a')).id).toBe('a');
    expect(states.size).toBe(0);
  });
});
