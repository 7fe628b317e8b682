import { createHash } from 'node:crypto';

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** RFC 6962 §2.1 leaf hash: SHA-256(0x00 || leaf bytes). */
export function leafHash(leaf: Buffer): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();
}

/** RFC 6962 §2.1 interior node: SHA-256(0x01 || left || right). */
export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

interface Subtree {
  readonly leaves: bigint;
  readonly hash: Buffer;
}

/**
 * The RFC 6962 Merkle Tree Hash of a growing list of leaves, built one leaf at a time in
 * O(log n) memory: a stack of the roots of perfect subtrees (the "frontier"), merged as soon as two
 * of the same size meet. Equivalently, level by level: pair neighbours left to right, and carry a
 * lone last node up unchanged (never duplicated).
 */
export class MerkleTreeBuilder {
  private readonly stack: Subtree[] = [];
  private count = 0n;

  /** Continues a tree of `count` leaves from its frontier (as a seal records it). */
  static resume(count: bigint, frontier: readonly string[]): MerkleTreeBuilder {
    const sizes = perfectSubtreeSizes(count);
    if (sizes.length !== frontier.length) {
      throw new Error(
        `A tree of ${count} leaves has ${sizes.length} frontier nodes, not ${frontier.length}`,
      );
    }
    const builder = new MerkleTreeBuilder();
    sizes.forEach((leaves, i) => builder.stack.push({ leaves, hash: hexBytes(frontier[i]) }));
    builder.count = count;
    return builder;
  }

  get size(): bigint {
    return this.count;
  }

  /** Adds a leaf: the 32 bytes of an event hash, given as hex. */
  add(leafHex: string): void {
    this.addBytes(hexBytes(leafHex));
  }

  /** Adds a leaf of any bytes (RFC 6962 leaves are arbitrary; the registry's are event hashes). */
  addBytes(leaf: Buffer): void {
    this.stack.push({ leaves: 1n, hash: leafHash(leaf) });
    this.count += 1n;
    while (this.stack.length >= 2) {
      const right = this.stack[this.stack.length - 1];
      const left = this.stack[this.stack.length - 2];
      if (left.leaves !== right.leaves) break;
      this.stack.splice(-2, 2, { leaves: left.leaves * 2n, hash: nodeHash(left.hash, right.hash) });
    }
  }

  /** The root over every leaf added so far; SHA-256 of nothing for an empty tree (RFC 6962). */
  root(): string {
    if (this.stack.length === 0) return createHash('sha256').digest('hex');
    let root = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i--) root = nodeHash(this.stack[i].hash, root);
    return root.toString('hex');
  }

  /** Roots of the perfect subtrees, largest (leftmost) first. */
  frontier(): string[] {
    return this.stack.map((subtree) => subtree.hash.toString('hex'));
  }
}

/** Leaves in each perfect subtree of the frontier: the set bits of `count`, highest first. */
function perfectSubtreeSizes(count: bigint): bigint[] {
  const sizes: bigint[] = [];
  for (let bit = BigInt(count.toString(2).length - 1); bit >= 0n; bit--) {
    if ((count >> bit) & 1n) sizes.push(1n << bit);
  }
  return count === 0n ? [] : sizes;
}

function hexBytes(hex: string): Buffer {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`Not a lower-case hex SHA-256: "${hex}"`);
  return Buffer.from(hex, 'hex');
}

/** Root of a whole list of leaves (tests and small callers). */
export function merkleRoot(leavesHex: readonly string[]): string {
  const builder = new MerkleTreeBuilder();
  for (const leaf of leavesHex) builder.add(leaf);
  return builder.root();
}
