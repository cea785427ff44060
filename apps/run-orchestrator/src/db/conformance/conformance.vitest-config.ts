import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Vitest settings for LangGraph's checkpointer conformance suite, used only by
 * checkpointer-conformance.int-spec.ts (`vitest run --config <this file, built> <entry>`). The suite is written
 * for vitest (globals, `expect.soft`), so it runs under vitest in a child process rather than inside Jest.
 * Its entries are the built `*.conformance.js` beside this file; no other file is a vitest test.
 */
export default {
  test: {
    root: dirname(fileURLToPath(import.meta.url)),
    include: ['*.conformance.js'],
    globals: true,
    // One entry per run, one database per entry: nothing to run in parallel.
    fileParallelism: false,
    watch: false,
  },
};
