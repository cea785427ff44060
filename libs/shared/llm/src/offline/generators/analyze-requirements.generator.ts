import type { AnalyzeRequirementsOutput } from '@shipyard/contracts';
import { readRequirementLines } from '../job-input.reader';
import { OFFLINE_LABEL } from '../offline-identity';
import { shorten } from '../text.utils';
import type { GenerationContext } from './generation-context';

const MAX_REQUIREMENTS = 30;

/** PM: one testable statement per sentence or line of the requirement text. */
export function analyzeRequirements({ job, markerText }: GenerationContext): AnalyzeRequirementsOutput {
  const lines = readRequirementLines(job.input).slice(0, MAX_REQUIREMENTS);
  const statements = lines.length > 0 ? lines : ['The delivered software does what the request describes.'];
  const requirements = statements.map((line, i) => `REQ-${i + 1}: ${line.replace(/[.!]*$/, '.')}`);
  const steering = markerText.length > 0 ? ` Offline steering: ${markerText.join(' ')}` : '';
  return {
    summary:
      `${OFFLINE_LABEL}: ${requirements.length} requirement(s) identified, starting with ` +
      `"${shorten(statements[0] ?? '', 12)}". Each is stated so a test can decide it.${steering}`,
    requirements,
  };
}
