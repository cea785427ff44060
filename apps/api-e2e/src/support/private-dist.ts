import { cp, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { uniqueId } from '@shipyard/shared/testing';

/** The repository root, from this file's place in apps/api-e2e/src/support. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', '..');

/** Node 24 from the repository (the system Node is older and cannot run the services). */
export const NODE = join(REPO_ROOT, 'node_modules', '.bin', 'node');

const ENTRY_POINTS = ['apps/project-service/src/main.js', 'apps/gateway/src/main.js'];

export interface PrivateDist {
  /** Root of the copied build: `<dir>/apps/gateway/src/main.js`... */
  dir: string;
  remove(): Promise<void>;
}

/**
 * A copy of dist/ for this spec file's processes. `npm run build` deletes and rewrites dist/ and colleagues
 * build while tests run; services spawned from the shared tree would then fail to load a module halfway.
 * The copy lives under tmp/ in the repository so bare imports still resolve from the root node_modules.
 */
export async function privateDist(): Promise<PrivateDist> {
  const source = join(REPO_ROOT, 'dist');
  const dir = join(REPO_ROOT, 'tmp', uniqueId('api-e2e'), 'dist');
  for (let attempt = 0; ; attempt += 1) {
    try {
      await cp(source, dir, { recursive: true });
      await Promise.all(ENTRY_POINTS.map((entry) => stat(join(dir, entry))));
      break;
    } catch (error) {
      // A build was rewriting dist/ while we copied: wait for it to finish and copy again.
      await rm(dir, { recursive: true, force: true });
      if (attempt >= 20)
        throw new Error(`dist/ is not built or keeps changing (run npm run build): ${String(error)}`);
      await new Promise((done) => setTimeout(done, 250));
    }
  }
  return { dir, remove: () => rm(resolve(dir, '..'), { recursive: true, force: true }) };
}
