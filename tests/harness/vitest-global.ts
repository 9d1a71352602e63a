import { adminConnection, TEMPLATE } from './env.ts';

/** vitest clones the template that `make test` built; fail clearly when it is missing. */
export default async function setup(): Promise<void> {
  const admin = adminConnection();
  try {
    const [row] = await admin`select 1 as ok from pg_catalog.pg_database where datname = ${TEMPLATE}`;
    if (!row) {
      throw new Error(`test template ${TEMPLATE} is missing: run \`make test\` (or \`node --import tsx tests/harness/prepare.ts\`) first`);
    }
  } finally {
    await admin.end();
  }
}
