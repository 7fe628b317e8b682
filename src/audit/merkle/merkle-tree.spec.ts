import { createHash } from 'node:crypto';
import { MerkleTreeBuilder, merkleRoot } from './merkle-tree';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Leaves and roots of the RFC 6962 reference tests (certificate-transparency, merkle_tree_test). */
const RFC6962_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];
const RFC6962_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** Event-hash leaves sha256("0"), sha256("1"), ...: roots computed with Python's hashlib. */
const hashLeaves = (n: number): string[] => Array.from({ length: n }, (_, i) => sha256(String(i)));
const HASH_LEAF_ROOTS: Record<number, string> = {
  1: '13a77175e35eb1d9da91ee14df0d7772cea71289800206e2b45c882ecb06efbf',
  2: 'bbb441530bdded54e6e2bfcdc829819ff39b30768eb9f023071dffc16b410f10',
  3: '8be871f13785b4c81a1700459c76ac2b3ae2caebb7876c376e223c6adff98c47',
  5: '4e23fb40d8876f1299cca9b3c28432a01b11d1a20126606914612892ff2e09a7',
  7: '5653c4ab2514ccd6ea4f0159702d2aba901f2562aa75abcff5a19e344bee038f',
  8: 'da17ac5d45a1b0c50260c7e411bf342ba2a41c9c824bb3b6404e5330a585a057',
};

/** The level-by-level reading of AUDIT.md, written independently of the builder. */
function levelByLevel(leavesHex: string[]): string {
  const h = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
  let level: Buffer[] = leavesHex.map((leaf) => h(Buffer.from([0]), Buffer.from(leaf, 'hex')));
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2)
      next.push(h(Buffer.from([1]), level[i], level[i + 1]));
    if (level.length % 2 === 1) next.push(level[level.length - 1]);
    level = next;
  }
  return level[0].toString('hex');
}

describe('MerkleTreeBuilder (RFC 6962 Merkle Tree Hash)', () => {
  it.each(RFC6962_ROOTS.map((root, i) => [i + 1, root]))(
    'gives the RFC 6962 reference root for the first %i reference leaves',
    (n, root) => {
      const builder = new MerkleTreeBuilder();
      for (const leaf of RFC6962_LEAVES.slice(0, n)) builder.addBytes(Buffer.from(leaf, 'hex'));
      expect(builder.root()).toBe(root);
    },
  );

  it.each(Object.entries(HASH_LEAF_ROOTS))(
    'gives the known root of %s event-hash leaves',
    (n, root) => {
      expect(merkleRoot(hashLeaves(Number(n)))).toBe(root);
    },
  );

  it('gives SHA-256 of nothing for an empty tree', () => {
    expect(new MerkleTreeBuilder().root()).toBe(sha256(''));
  });

  it('carries an odd last node up unchanged, as the level-by-level description says', () => {
    for (let n = 1; n <= 70; n++)
      expect(merkleRoot(hashLeaves(n))).toBe(levelByLevel(hashLeaves(n)));
  });

  it('changes the root when two leaves swap places', () => {
    const leaves = hashLeaves(6);
    const swapped = [leaves[0], leaves[2], leaves[1], ...leaves.slice(3)];
    expect(merkleRoot(swapped)).not.toBe(merkleRoot(leaves));
  });

  it('resumes from a frontier and reaches the same root as one pass, in log2(n) memory', () => {
    const leaves = hashLeaves(1000);
    const first = new MerkleTreeBuilder();
    leaves.slice(0, 613).forEach((leaf) => first.add(leaf));
    expect(first.frontier()).toHaveLength(5); // 613 = 512 + 64 + 32 + 4 + 1
    const resumed = MerkleTreeBuilder.resume(613n, first.frontier());
    leaves.slice(613).forEach((leaf) => resumed.add(leaf));
    expect(resumed.size).toBe(1000n);
    expect(resumed.root()).toBe(merkleRoot(leaves));
  });

  it('refuses a frontier that does not fit the leaf count, and leaves that are not hashes', () => {
    expect(() => MerkleTreeBuilder.resume(3n, [sha256('a')])).toThrow(/2 frontier nodes/);
    expect(() => new MerkleTreeBuilder().add('ABC')).toThrow(/hex SHA-256/);
  });
});
