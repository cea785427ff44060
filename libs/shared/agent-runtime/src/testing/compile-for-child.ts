/**
 * Compiles libs/ into a directory of the spec's own, so a spec can run an agent in a child process without
 * `npm run build` (which replaces dist/ under colleagues' running tests). Same SWC settings as
 * tools/scripts/build.mjs: decorator metadata for Nest, path aliases rewritten to relative imports.
 */
import { transformFile, type Options } from '@swc/core';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';

async function* sources(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') yield* sources(path);
    } else if (entry.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec|d)\.ts$/.test(entry.name)) {
      yield path;
    }
  }
}

/**
 * @param outDir an empty directory; gets `libs/...` as ES modules, a package.json saying so, and a
 *   node_modules link to the repository's, so bare imports resolve as they do in dist/
 * @returns the compiled path of a source file under libs/ (e.g. this lib's crash fixture)
 */
export async function compileForChild(
  outDir: string,
  root = process.cwd(),
): Promise<(source: string) => string> {
  const tsconfig = JSON.parse(await readFile(join(root, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  const options: Options = {
    swcrc: false,
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
  const files: string[] = [];
  for await (const file of sources(join(root, 'libs'))) files.push(file);
  await Promise.all(
    files.map(async (file) => {
      const out = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
      const { code } = await transformFile(file, { ...options, filename: file });
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, code);
    }),
  );
  await writeFile(join(outDir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  await symlink(join(root, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  return (source) => resolve(outDir, relative(root, resolve(root, source))).replace(/\.ts$/, '.js');
}
