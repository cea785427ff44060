import type { FileChange, FindingSeverity } from '@shipyard/contracts';
import type { PromptedJob } from '../prompts/prompted-job';
import { stripMarkers } from './offline-markers.parser';
import { splitStatements } from './text.utils';

/**
 * Tolerant readers of the job input. The orchestrator decides the input's exact fields; these accept the
 * natural names (documented in the README) and fall back to something sensible, because the offline model
 * must answer every well-formed job, not only the ones shaped the way this file expected.
 */

export interface TaskInfo {
  key: string;
  title: string;
  description: string;
  acceptanceCriteria: string[];
}

export interface FindingInfo {
  severity: FindingSeverity | 'unknown';
  message: string;
  path?: string;
}

/**
 * The requirement as free text: `requirements` (string or lines), `requirement`, `requirementsText`,
 * `description`, then the PM's analysis (`analysis.requirements`), then the task.
 */
export function readRequirementsText(input: Record<string, unknown>): string {
  for (const name of ['requirementsText', 'requirements', 'requirement', 'text', 'description']) {
    const value = input[name];
    if (typeof value === 'string' && value.trim() !== '') return value;
    const lines = stringArray(value);
    if (lines.length > 0) return lines.join('\n');
  }
  const analysed = analysedRequirements(input);
  if (analysed.length > 0) return analysed.join('\n');
  const task = readTask(input);
  return task ? `${task.title}. ${task.description}` : '';
}

/**
 * Requirement statements: the PM's analysed list when the input carries one (`analysis.requirements`, or
 * `requirements` as an array), else derived from the requirement text.
 */
export function readRequirementLines(input: Record<string, unknown>): string[] {
  const listed = [...analysedRequirements(input), ...stringArray(input['requirements'])]
    .map((l) => stripMarkers(l.replace(/^REQ-\d+:\s*/, '')).trim())
    .filter(Boolean);
  if (listed.length > 0) return listed;
  return splitStatements(stripMarkers(readRequirementsText(input)));
}

function analysedRequirements(input: Record<string, unknown>): string[] {
  const analysis = input['analysis'];
  return isRecord(analysis) ? stringArray(analysis['requirements']) : [];
}

/** The task a developer, lead, QA or security job is about: `input.task`, or the input itself. */
export function readTask(input: Record<string, unknown>): TaskInfo | undefined {
  const source = isRecord(input['task']) ? input['task'] : input;
  const title = str(source['title']);
  if (!title) return undefined;
  return {
    key: str(source['key']) ?? str(source['taskKey']) ?? str(source['id']) ?? 'task',
    title,
    description: str(source['description']) ?? title,
    acceptanceCriteria: stringArray(source['acceptanceCriteria']),
  };
}

/** Files under review or test: `input.files` entries with a string path and content. */
export function readFiles(input: Record<string, unknown>): FileChange[] {
  const files = Array.isArray(input['files']) ? input['files'] : [];
  return files.flatMap((f) => {
    if (!isRecord(f)) return [];
    const path = str(f['path']);
    const content = typeof f['content'] === 'string' ? f['content'] : undefined;
    return path !== undefined && content !== undefined ? [{ path, content }] : [];
  });
}

/** Findings a fix job must address: `input.findings` (review or security findings). */
export function readFindings(input: Record<string, unknown>): FindingInfo[] {
  const findings = Array.isArray(input['findings']) ? input['findings'] : [];
  return findings.flatMap((f) => {
    if (!isRecord(f)) return [];
    const message = str(f['message']);
    if (!message) return [];
    const severity = str(f['severity']);
    const path = str(f['path']);
    return [
      {
        severity:
          (['critical', 'high', 'medium', 'low', 'info'] as const).find((s) => s === severity) ?? 'unknown',
        message,
        ...(path ? { path } : {}),
      },
    ];
  });
}

/** Titles of the planned tasks, for docs and delivery jobs: `input.tasks` entries with a title. */
export function readTaskTitles(input: Record<string, unknown>): string[] {
  const tasks = Array.isArray(input['tasks']) ? input['tasks'] : [];
  return tasks.flatMap((t) => (isRecord(t) && str(t['title']) ? [str(t['title']) as string] : []));
}

/** `projectName` or `project.name`, for package and image names. */
export function readProjectName(input: Record<string, unknown>): string | undefined {
  const project = input['project'];
  return str(input['projectName']) ?? (isRecord(project) ? str(project['name']) : undefined);
}

/**
 * Which round of a loop this job is (review, QA, security), 1 being the first: `input.round`, else
 * `input.iteration`, else the job's attempt. The attempt is only right when the orchestrator counts
 * attempts per loop; send `round` when it counts them per task or per node.
 */
export function readRound(job: PromptedJob): number {
  for (const name of ['round', 'iteration']) {
    const value = job.input[name];
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  }
  return job.attempt;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    : [];
}
