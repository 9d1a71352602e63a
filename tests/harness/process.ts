/**
 * Child processes in tests: a process that cannot be started (ENOENT, EACCES)
 * emits 'error' and maybe never 'exit'. Unhandled, that error ends the whole
 * vitest run; here it becomes a readable line in the test's own output and an
 * exit code of null, so the test that spawned it fails on its own assertions.
 */
import type { ChildProcess } from 'node:child_process';

/** Handles the child's 'error' event; `report` receives `spawn error: <message>`. Returns the child. */
export function handleSpawnErrors<T extends ChildProcess>(child: T, report: (line: string) => void, label = 'child'): T {
  let exited = false;
  child.once('exit', () => (exited = true));
  child.on('error', (error) => {
    report(`${label}: spawn error: ${error.message}\n`);
    // A child that never started never exits: let whoever waits for 'exit' stop waiting.
    if (!exited && child.pid === undefined) child.emit('exit', null, null);
  });
  return child;
}
