// Compiles every TypeScript source under apps/, libs/ and tools/ into dist/ with SWC, keeping the tree's shape.
// Why SWC and not tsc: NestJS needs decorator metadata (esbuild cannot emit it), and SWC compiles the whole
// monorepo in about a second; `npm run typecheck` is where tsc checks types. Path aliases from
// tsconfig.base.json are rewritten to relative requires so `node dist/apps/<app>/src/main.js` just runs.
import { transformFile } from '@swc/core';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const finalDir = join(root, 'dist');
// Build beside dist/ and swap it in at the end, so processes (and parallel test runs) using the previous
// build never see a half-written or deleted tree.
const outDir = join(root, `dist.build-${process.pid}`);
const tsconfig = JSON.parse(await readFile(join(root, 'tsconfig.base.json'), 'utf8'));

async function* sources(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') yield* sources(path);
    } else if (/\.ts$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec|d)\.ts$/.test(entry.name)) {
      yield path;
    }
  }
}

const options = {
  swcrc: false,
  sourceMaps: true,
  module: { type: 'es6', resolveFully: true },
  jsc: {
    target: 'es2023',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    baseUrl: root,
    paths: tsconfig.compilerOptions.paths,
    keepClassNames: true,
  },
};

const started = Date.now();
const files = [];
for (const top of ['apps', 'libs', 'tools']) for await (const file of sources(join(root, top))) files.push(file);
await Promise.all(
  files.map(async (file) => {
    const out = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
    const { code, map } = await transformFile(file, { ...options, filename: file });
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, `${code}\n//# sourceMappingURL=${out.split('/').pop()}.map\n`);
    if (map) await writeFile(`${out}.map`, map);
  }),
);
const oldDir = join(root, `dist.old-${process.pid}`);
await rename(finalDir, oldDir).catch((error) => {
  if (error.code !== 'ENOENT') throw error;
});
await rename(outDir, finalDir);
await rm(oldDir, { recursive: true, force: true });
console.log(`built ${files.length} files into dist/ in ${Date.now() - started} ms`);
