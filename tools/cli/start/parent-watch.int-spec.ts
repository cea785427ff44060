/**
 * Real: processes and their parent pids. The built module (dist/, which npm test builds first) runs in a
 * grandchild whose parent shell exits underneath it, as npm and `sh -c` do on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pollUntil } from '@shipyard/shared/testing';

describe('watchParent', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parent-watch-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('notices when the process that started it exits', async () => {
    const marker = join(dir, 'gone');
    const module = pathToFileURL(resolve('dist/tools/cli/start/parent-watch.js')).href;
    const script = [
      `const { watchParent } = await import(${JSON.stringify(module)});`,
      `const { writeFileSync } = await import('node:fs');`,
      `watchParent(() => { writeFileSync(${JSON.stringify(marker)}, 'parent gone'); process.exit(0); }, 20);`,
      // Keeps the grandchild alive until the watch fires; the watch itself must not (it is unref'd).
      `setTimeout(() => process.exit(2), 20_000);`,
    ].join('\n');
    // The shell starts the watcher in the background and exits a moment later, orphaning it.
    const shell = spawn(
      'sh',
      ['-c', `"$0" --input-type=module -e "$1" & sleep 2`, process.execPath, script],
      {
        stdio: 'ignore',
      },
    );
    await new Promise((done) => shell.once('exit', done));

    await expect(pollUntil(() => readFile(marker, 'utf8'), { timeoutMs: 10_000 })).resolves.toBe(
      'parent gone',
    );
  });
});
