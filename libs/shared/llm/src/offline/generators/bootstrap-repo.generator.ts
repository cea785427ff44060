import type { ImplementOutput } from '@shipyard/contracts';
import { OFFLINE_LABEL } from '../offline-identity';
import type { GenerationContext } from './generation-context';
import { projectSlug } from './project-slug';

/** Repository skeleton: an ESM TypeScript package with Jest, ready for the developer's modules. */
export function bootstrapRepo({ job }: GenerationContext): ImplementOutput {
  const name = projectSlug(job);
  const pkg = {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    description: `Bootstrapped by the ${OFFLINE_LABEL}.`,
    scripts: {
      build: 'tsc -p tsconfig.json',
      test: 'node --experimental-vm-modules node_modules/jest/bin/jest.js',
    },
    devDependencies: {
      '@types/jest': '^30.0.0',
      jest: '^30.0.0',
      'ts-jest': '^29.4.0',
      typescript: '~5.9.0',
    },
  };
  const tsconfig = {
    compilerOptions: {
      target: 'ES2023',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noUncheckedIndexedAccess: true,
      outDir: 'dist',
      types: ['jest'],
    },
    include: ['src'],
  };
  return {
    summary: `${OFFLINE_LABEL}: bootstrapped the repository for ${name} (TypeScript, ESM, Jest).`,
    files: [
      { path: 'package.json', content: `${JSON.stringify(pkg, null, 2)}\n` },
      { path: 'tsconfig.json', content: `${JSON.stringify(tsconfig, null, 2)}\n` },
      {
        path: 'jest.config.js',
        // NodeNext ESM imports name the .js file; Jest maps them back to the .ts source.
        content:
          "export default {\n  preset: 'ts-jest/presets/default-esm',\n  testEnvironment: 'node',\n" +
          "  moduleNameMapper: { '^(\\\\.{1,2}/.*)\\\\.js$': '$1' },\n};\n",
      },
      { path: '.gitignore', content: 'node_modules/\ndist/\ncoverage/\n.env\n' },
      {
        path: 'README.md',
        content: `# ${name}\n\nRepository bootstrapped by the ${OFFLINE_LABEL}.\n\n\`\`\`sh\nnpm install\nnpm test\n\`\`\`\n`,
      },
    ],
  };
}
