import type { PromptedJob } from '../../prompts/prompted-job';
import { readFindings, readRequirementsText, readTask, type TaskInfo } from '../job-input.reader';
import { stripMarkers } from '../offline-markers.parser';
import { shorten } from '../text.utils';

/**
 * The job's task; without one (a security fix names only findings), one named after the source file the
 * findings point at, so the fix rewrites that module, or a hardening module when they name no file; else
 * one made up from the requirement text.
 */
export function taskOrFallback(job: PromptedJob): TaskInfo {
  const task = readTask(job.input);
  if (task) return task;
  const findings = readFindings(job.input);
  const file = findings
    .map((f) => f.path)
    .find((path) => path !== undefined && /^src\/[a-z0-9-]+\.ts$/.test(path) && !path.endsWith('.spec.ts'));
  if (file) {
    const name = file.slice('src/'.length, -'.ts'.length).replace(/-/g, ' ');
    return { key: 'task', title: name, description: `Fix the findings in ${file}.`, acceptanceCriteria: [] };
  }
  if (findings.length > 0) {
    // Findings that name no file (a scan of stored artifacts): the fix goes into one hardening module.
    const description = findings.map((f) => `${f.severity}: ${f.message}`).join('\n');
    return { key: 'task', title: 'security hardening', description, acceptanceCriteria: [] };
  }
  const text = stripMarkers(readRequirementsText(job.input)).trim() || 'Deliver the requested feature';
  return { key: 'task', title: shorten(text, 8), description: text, acceptanceCriteria: [] };
}
