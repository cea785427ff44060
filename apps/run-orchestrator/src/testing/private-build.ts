import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformFile } from '@swc/core';
import { uniqueId } from '@shipyard/shared/testing';

/** The repository root, from this file's place in apps/run-orchestrator/src/testing. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', '..');

export interface PrivateBuild {
  /** `node <main>` starts the orchestrator service. */
  main: string;
  remove(): Promise<void>;
}

/**
 * Compiles the orchestrator and the libraries into a folder of this spec's own under tmp/ (so bare imports
 * resolve from the root node_modules), the way tools/scripts/build.mjs does: never touching dist/, which
 * colleagues rebuild while their tests run. Only what the service needs: apps/run-orchestrator and libs/.
 */
export async function privateBuild(): Promise<PrivateBuild> {
  const out = join(REPO_ROOT, 'tmp', uniqueId('orchestrator-build'));
  const tsconfig = JSON.parse(await readFile(join(REPO_ROOT, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  const options = {
    swcrc: false,
    sourceMaps: false,
    module: { type: 'es6' as const, resolveFully: true },
    jsc: {
      target: 'es2023' as const,
      parser: { syntax: 'typescript' as const, decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      baseUrl: REPO_ROOT,
      paths: tsconfig.compilerOptions.paths,
      keepClassNames: true,
    },
  };
  const files: string[] = [];
  for (const top of ['apps/run-orchestrator/src', 'libs'])
    files.push(...(await sources(join(REPO_ROOT, top))));
  await Promise.all(
    files.map(async (file) => {
      const target = join(out, relative(REPO_ROOT, file)).replace(/\.ts$/, '.js');
      const { code } = await transformFile(file, { ...options, filename: file });
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, code);
    }),
  );
  return {
    main: join(out, 'apps/run-orchestrator/src/main.js'),
    remove: () => rm(out, { recursive: true, force: true }),
  };
}

async function sources(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') found.push(...(await sources(path)));
    } else if (/\.ts$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec|d)\.ts$/.test(entry.name)) {
      found.push(path);
    }
  }
  return found;
}
