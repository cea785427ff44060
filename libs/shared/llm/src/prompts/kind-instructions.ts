import type { JobKind } from '@shipyard/contracts';

/** What to do for each job kind and the exact JSON shape to answer with (mirrors agent-outputs.ts). */
export const KIND_INSTRUCTIONS: Readonly<Record<JobKind, { task: string; shape: string }>> = Object.freeze({
  analyze_requirements: {
    task: 'Analyse the requirements in the job input. Summarise them and list each as one testable statement.',
    shape: '{"summary": string, "requirements": string[]}',
  },
  create_tasks: {
    task:
      'Plan the work as tasks. Each task has a unique key (T1, T2, ...), a title, a description, the keys it ' +
      'depends on (an empty array when independent) and 2-5 acceptance criteria. No dependency cycles.',
    shape:
      '{"tasks": [{"key": string, "title": string, "description": string, "parentKey"?: string, ' +
      '"dependsOn": string[], "acceptanceCriteria": string[]}]}',
  },
  bootstrap_repo: {
    task: 'Create the initial repository files (package manifest, TypeScript config, test config, README, .gitignore).',
    shape: '{"summary": string, "files": [{"path": string, "content": string}]}',
  },
  implement: {
    task: 'Implement the task in the job input: source files and their tests. Paths are relative to the repository root.',
    shape: '{"summary": string, "files": [{"path": string, "content": string}]}',
  },
  fix: {
    task: 'Fix every finding in the job input. Return the complete new content of each file you change.',
    shape: '{"summary": string, "files": [{"path": string, "content": string}]}',
  },
  review: {
    task:
      'Review the files in the job input against the task. Approve only when no finding of severity medium or ' +
      'above remains.',
    shape:
      '{"approved": boolean, "findings": [{"severity": "critical"|"high"|"medium"|"low"|"info", "message": string, "path"?: string}]}',
  },
  test: {
    task: 'Test the change against its acceptance criteria and report the outcome.',
    shape: '{"passed": boolean, "testsRun": number, "failures": string[]}',
  },
  security_scan: {
    task: 'Scan the files in the job input for vulnerabilities. Report an empty array only if there is truly nothing.',
    shape:
      '{"findings": [{"severity": "critical"|"high"|"medium"|"low"|"info", "rule": string, "message": string, "path"?: string}]}',
  },
  document: {
    task: 'Write the documentation for what the job input describes as Markdown files.',
    shape: '{"files": [{"path": string, "content": string}]}',
  },
  prepare_deploy: {
    task: 'Write the build, CI and deployment files for the project in the job input.',
    shape: '{"files": [{"path": string, "content": string}]}',
  },
});
