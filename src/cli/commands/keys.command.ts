import type { Command } from 'commander';
import { ApiKeyStore, type ApiKeyRecord } from '../../auth/api-key-store';
import { ROLES } from '../../auth/roles';
import { readConfig } from '../../config/registry-config';

/**
 * `keys create --name <name> --role <role>`, `keys revoke <id or name>`, `keys list`: the API keys
 * in `$REGISTRY_DATA_DIR/keys.sqlite`, beside or without the running server (which checks the
 * file on every request, so a revocation holds from the next request). A key is printed once, by
 * `create`, alone on stdout (the rest goes to stderr), and never again: only its hash is kept.
 */
export function registerKeys(program: Command): void {
  const keys = program
    .command('keys')
    .description('Manage the API keys that authenticate HTTP requests (create, revoke, list)');

  keys
    .command('create')
    .description('Create an API key and print it once; only its SHA-256 is stored')
    .requiredOption('--name <name>', 'who or what uses it; events record the actor key:<name>')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--json', 'print {id, name, role, createdAt, key} as JSON')
    .action((options: { name: string; role: string; json?: boolean }) => {
      withKeyStore((store) => {
        const { key, record } = store.create(options.name, options.role);
        if (options.json) {
          return void process.stdout.write(`${JSON.stringify({ ...json(record), key })}\n`);
        }
        process.stderr.write(
          `Created API key ${record.id} "${record.name}" with the role ${record.role}. It is shown this once and cannot be recovered; send it as Authorization: Bearer <key>.\n`,
        );
        process.stdout.write(`${key}\n`);
      });
    });

  keys
    .command('revoke')
    .description('Revoke an API key, named by its id (reg_xxxxxxxx) or its name')
    .argument('<id-or-name>')
    .action((idOrName: string) => {
      withKeyStore((store) => {
        const { record, alreadyRevoked } = store.revoke(idOrName);
        process.stdout.write(
          alreadyRevoked
            ? `API key ${record.id} "${record.name}" was already revoked at ${record.revokedAt}\n`
            : `Revoked API key ${record.id} "${record.name}" (${record.role}) at ${record.revokedAt}\n`,
        );
      });
    });

  keys
    .command('list')
    .description('List the API keys (ids, names, roles, dates; never the keys)')
    .option('--json', 'print them as JSON')
    .action((options: { json?: boolean }) => {
      withKeyStore((store) => {
        const records = store.list();
        process.stdout.write(
          options.json ? `${JSON.stringify(records.map(json), null, 2)}\n` : table(records),
        );
      });
    });
}

function withKeyStore(work: (store: ApiKeyStore) => void): void {
  const store = ApiKeyStore.inDataDir(readConfig().dataDir);
  try {
    work(store);
  } finally {
    store.close();
  }
}

function json(record: ApiKeyRecord): Record<string, string | null> {
  return { ...record, revokedAt: record.revokedAt ?? null };
}

function table(records: readonly ApiKeyRecord[]): string {
  if (records.length === 0)
    return 'No API keys yet: npm run cli -- keys create --name <name> --role <role>\n';
  const rows = [
    ['id', 'name', 'role', 'created', 'revoked'],
    ...records.map((r) => [r.id, r.name, r.role, r.createdAt, r.revokedAt ?? '-']),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n');
}
