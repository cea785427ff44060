// One Jest run for all tiers: unit specs (*.spec.ts) and integration specs (*.int-spec.ts) against the real
// PostgreSQL, NATS and Redis. Sources are ESM (NestJS 12 ships only ESM), compiled by SWC on the fly.
import { readFileSync } from 'node:fs';

const { compilerOptions } = JSON.parse(readFileSync(new URL('./tsconfig.base.json', import.meta.url), 'utf8'));
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

/** @type {import('jest').Config} */
export default {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,tools}/**/*.{spec,int-spec,e2e-spec}.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { ...moduleNameMapper, '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        swcrc: false,
        module: { type: 'es6' },
        jsc: {
          target: 'es2023',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          keepClassNames: true,
        },
      },
    ],
  },
  globalSetup: '<rootDir>/libs/shared/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/shared/testing/src/global-teardown.ts',
  setupFiles: ['<rootDir>/libs/shared/testing/src/setup-env.ts'],
  testTimeout: 60_000,
};
