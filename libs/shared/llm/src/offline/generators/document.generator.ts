import type { DocumentOutput } from '@shipyard/contracts';
import { readRequirementLines, readTaskTitles } from '../job-input.reader';
import { OFFLINE_LABEL } from '../offline-identity';
import type { GenerationContext } from './generation-context';
import { projectSlug } from './project-slug';

/** Docs: a README for users and an overview of what was built, from the requirements and task titles. */
export function document({ job }: GenerationContext): DocumentOutput {
  const name = projectSlug(job);
  const requirements = readRequirementLines(job.input);
  const tasks = readTaskTitles(job.input);
  const list = (items: string[], empty: string): string =>
    items.length > 0 ? items.map((item) => `- ${item}`).join('\n') : `- ${empty}`;
  return {
    files: [
      {
        path: 'README.md',
        content:
          `# ${name}\n\n> Written by the ${OFFLINE_LABEL}.\n\n## What it does\n\n${list(requirements, 'See the project requirement.')}\n\n` +
          '## Getting started\n\n```sh\nnpm install\nnpm test\nnpm run build\n```\n',
      },
      {
        path: 'docs/overview.md',
        content:
          `# Overview of ${name}\n\n> Written by the ${OFFLINE_LABEL}.\n\n## Delivered work\n\n${list(tasks, 'No task list was provided.')}\n\n` +
          '## Design notes\n\nEach feature lives in its own module under `src/` with a spec beside it; inputs are validated ' +
          'at the module boundary and errors are returned, not thrown.\n',
      },
    ],
  };
}
