import { fold } from '../domain/fold';
import type { FieldOperation } from '../domain/state';
import { lineageOf, type Succession } from './lineage';

const operation = (id: string, establishedOn: string, closedOn?: string): FieldOperation =>
  fold([
    {
      type: 'MissionEstablished',
      data: {
        operationId: id,
        name: `OSCE ${id}`,
        kind: 'mission',
        hostStates: ['x'],
        seat: null,
        establishedOn,
        decision: null,
        sourceUrl: null,
        predecessors: [],
      },
    },
    ...(closedOn
      ? [
          {
            type: 'MissionClosed',
            data: { operationId: id, closedOn, reason: 'replaced', decision: null, successors: [] },
          },
        ]
      : []),
  ])!;

// Two missions merged into one, which was split into two; plus an unrelated pair.
const links: Succession[] = [
  { predecessor: 'a', successor: 'c' },
  { predecessor: 'b', successor: 'c' },
  { predecessor: 'c', successor: 'd' },
  { predecessor: 'c', successor: 'e' },
  { predecessor: 'c', successor: 'd' }, // named by the other side too
  { predecessor: 'x', successor: 'y' },
];
const operations = new Map(
  [
    operation('a', '1992', '1995'),
    operation('b', '1993-05', '1995'),
    operation('c', '1996', '2000'),
    operation('d', '2001'),
    operation('e', '2001-01-01'),
    operation('x', '1990'),
  ].map((o) => [o.id, o]),
);
const linksOf = (id: string) => links.filter((l) => l.predecessor === id || l.successor === id);

describe('lineage of a field operation', () => {
  it('walks successors and predecessors transitively, from any node of the graph', () => {
    for (const root of ['a', 'd']) {
      const lineage = lineageOf(root, linksOf, (id) => operations.get(id), '2026-01-01');
      expect(lineage.root).toBe(root);
      expect(lineage.nodes.map((n) => n.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(lineage.edges).toEqual([
        { predecessor: 'a', successor: 'c' },
        { predecessor: 'b', successor: 'c' },
        { predecessor: 'c', successor: 'd' },
        { predecessor: 'c', successor: 'e' },
      ]);
    }
  });

  it('describes each node by its name, kind and dates', () => {
    const lineage = lineageOf('c', linksOf, (id) => operations.get(id), '2026-01-01');
    expect(lineage.nodes[2]).toEqual({
      id: 'c',
      name: 'OSCE c',
      kind: 'mission',
      establishedOn: '1996',
      closedOn: '2000',
    });
  });

  it('is the operation alone when it has no links, and leaves out links to unknown operations', () => {
    expect(
      lineageOf(
        'e',
        () => [],
        (id) => operations.get(id),
        '2026-01-01',
      ),
    ).toEqual({
      root: 'e',
      nodes: [expect.objectContaining({ id: 'e' })],
      edges: [],
    });
    const lineage = lineageOf('x', linksOf, (id) => operations.get(id), '2026-01-01');
    expect(lineage.nodes.map((n) => n.id)).toEqual(['x']);
    expect(lineage.edges).toEqual([]);
  });
});
