import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { handleSpawnErrors } from './harness/process.ts';

describe('a child process that cannot start', () => {
  it('becomes a readable line and an exit with no code, not an uncaught error', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'revenue-os-spawn-'));
    const notExecutable = path.join(dir, 'initdb');
    await writeFile(notExecutable, '#!/bin/sh\nexit 0\n');
    await chmod(notExecutable, 0o644);
    try {
      for (const [bin, code] of [[notExecutable, 'EACCES'], [path.join(dir, 'missing'), 'ENOENT']] as const) {
        const lines: string[] = [];
        const child = handleSpawnErrors(spawn(bin, [], { stdio: 'ignore' }), (l) => lines.push(l), 'initdb');
        const exit = await new Promise<number | null>((resolve) => child.once('exit', (c: number | null) => resolve(c)));
        expect(exit).toBeNull();
        expect(lines.join('')).toContain(`initdb: spawn error: spawn ${bin} ${code}`);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
