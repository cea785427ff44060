// @ts-check
// ESLint 9 flat config: type-aware TypeScript rules as errors, Nx module boundaries from the project tags
// (see STYLE.md), prettier last so that formatting is prettier's alone. `npm run lint` allows zero warnings.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier/flat';
import { createProjectGraphAsync } from 'nx/src/devkit-exports.js';
import tseslint from 'typescript-eslint';

// The boundary rule reads Nx's cached project graph and silently skips itself when there is none (a fresh
// clone, a new project.json). Computing it here, offline and without the daemon (nx.json), makes the rule
// run on every lint instead of depending on some earlier nx command. It costs about a second.
await createProjectGraphAsync({ exitOnError: true });

/** Libraries that do I/O or tie code to a framework: what contracts and domain code must never import. */
const frameworkAndIo = [
  '@nestjs/*',
  'typeorm',
  '@nats-io/*',
  'nats',
  'pg',
  'pg-*',
  'ioredis',
  'redis',
  'openai',
  '@langchain/*',
  '@opentelemetry/*',
  'pino',
  'pino-*',
];

/** Node built-ins that touch the outside world; domain code gets its inputs through its callers instead. */
const nodeIo = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'http2',
  'child_process',
  'dgram',
  'dns',
  'tls',
  'worker_threads',
];

const depConstraints = [
  // Apps never import apps: no app tag appears in any allow-list below.
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'type:domain',
      'type:data-access',
      'type:infra',
      'type:contracts',
      'type:testing',
      'type:test-utils',
    ],
  },
  // End-to-end specs drive the platform from outside, but may seed state through shared infrastructure (e.g. the run event log).
  {
    sourceTag: 'type:e2e',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:testing', 'type:infra', 'type:test-utils'],
  },
  {
    sourceTag: 'type:data-access',
    onlyDependOnLibsWithTags: [
      'type:data-access',
      'type:domain',
      'type:infra',
      'type:contracts',
      'type:test-utils',
    ],
  },
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'],
    bannedExternalImports: frameworkAndIo,
  },
  // Infra specs wait and pick ports with test-utils, which imports nothing of ours (so no cycle through testing).
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:infra', 'type:contracts', 'type:test-utils'] },
  { sourceTag: 'type:test-utils', onlyDependOnLibsWithTags: [], bannedExternalImports: frameworkAndIo },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: [
      'type:testing',
      'type:test-utils',
      'type:infra',
      'type:data-access',
      'type:domain',
      'type:contracts',
    ],
  },
  // Contracts are what every service shares, so they may import nothing of ours and no framework.
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [], bannedExternalImports: frameworkAndIo },
  // A scope depends on itself and shared only.
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
  { sourceTag: 'scope:projects', onlyDependOnLibsWithTags: ['scope:projects', 'scope:shared'] },
  { sourceTag: 'scope:runs', onlyDependOnLibsWithTags: ['scope:runs', 'scope:shared'] },
  { sourceTag: 'scope:artifacts', onlyDependOnLibsWithTags: ['scope:artifacts', 'scope:shared'] },
  { sourceTag: 'scope:agents', onlyDependOnLibsWithTags: ['scope:agents', 'scope:shared'] },
  { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:e2e', 'scope:shared'] },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.nx/', 'tmp/', 'bench-results/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // projectService: one TypeScript program per tsconfig, shared by all files, instead of one per file.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // Nest injects through constructor parameter properties and decorates empty module classes.
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints },
      ],
    },
  },
  {
    // Domain code stays pure: its callers do the I/O and pass the results in.
    files: ['libs/*/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeIo.flatMap((name) => [name, `node:${name}`]) }],
    },
  },
  {
    // Plain JavaScript (configs and build scripts): no type information, Node globals.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      sourceType: 'module',
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        fetch: 'readonly',
        AbortSignal: 'readonly',
      },
    },
  },
  prettier,
);
