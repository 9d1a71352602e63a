/**
 * `make clean`: removes the embedded database of this checkout: what the
 * engine wrote into DATA_DIR (default .data: the cluster for an ordinary user,
 * credentials, app secret, generated master key, demo owner, sink outbox; the folder too when that
 * leaves it empty) and, as root, the state folder under EMBEDDED_PG_STATE_DIR
 * (default /var/lib/revenue-os) that holds its cluster and binaries. Refuses
 * while `make run` uses it.
 */
import { removeEmbeddedData } from '../db/embedded.ts';
import { loadConfig } from '../lib/config.ts';
import { setLogLevel } from '../lib/log.ts';

async function main(): Promise<number> {
  const config = loadConfig();
  setLogLevel('warn');
  const removed = await removeEmbeddedData({ dataDir: config.DATA_DIR, stateRoot: config.EMBEDDED_PG_STATE_DIR });
  process.stdout.write(removed.length ? removed.map((d) => `removed ${d}\n`).join('') : 'nothing to remove\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`make clean: ${error.message}\n`);
    process.exit(1);
  },
);
