import { firstDay, type PartialDate } from '../../shared/domain/partial-date';
import type { Kind } from '../domain/kinds';
import type { FieldOperation } from '../domain/state';
import { viewOn } from '../domain/view';

export interface Succession {
  predecessor: string;
  successor: string;
}

export interface LineageNode {
  id: string;
  name: string;
  kind: Kind;
  establishedOn: PartialDate;
  closedOn: PartialDate | null;
}

/** The predecessor/successor graph an operation belongs to (many-to-many, both directions). */
export interface Lineage {
  root: string;
  nodes: LineageNode[];
  edges: Succession[];
}

/**
 * Walks the succession links from `root` both ways, transitively. `linksOf` answers the links
 * touching one operation (as either side named them), `operationOf` its folded state; nodes carry
 * the name and kind in force on `day` (the last ones, for a closed operation, when `day` is today).
 */
export function lineageOf(
  root: string,
  linksOf: (id: string) => readonly Succession[],
  operationOf: (id: string) => FieldOperation | undefined,
  day: string,
): Lineage {
  const seen = new Set([root]);
  const edges = new Map<string, Succession>();
  const queue = [root];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const { predecessor, successor } of linksOf(id)) {
      edges.set(`${predecessor}\n${successor}`, { predecessor, successor });
      for (const next of [predecessor, successor]) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
  }
  const nodes = [...seen].flatMap((id): LineageNode[] => {
    const operation = operationOf(id);
    if (!operation) return [];
    const { name, kind, establishedOn, closedOn } = viewOn(operation, day);
    return [{ id, name, kind, establishedOn, closedOn }];
  });
  const known = new Set(nodes.map((n) => n.id));
  return {
    root,
    nodes: nodes.sort(
      (a, b) =>
        firstDay(a.establishedOn).localeCompare(firstDay(b.establishedOn)) ||
        a.id.localeCompare(b.id),
    ),
    edges: [...edges.values()]
      .filter((e) => known.has(e.predecessor) && known.has(e.successor))
      .sort(
        (a, b) =>
          a.predecessor.localeCompare(b.predecessor) || a.successor.localeCompare(b.successor),
      ),
  };
}
