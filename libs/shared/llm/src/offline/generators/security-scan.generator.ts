import type { SecurityScanOutput } from '@shipyard/contracts';
import { readFiles } from '../job-input.reader';
import { OFFLINE_LABEL } from '../offline-identity';
import type { GenerationContext } from './generation-context';

/**
 * Security: reports a critical finding on the first `[offline:security-critical=N]` scans (default 0),
 * then only an informational note, so the security gate's fix loop can be driven from a test.
 */
export function securityScan({ job, markers, round }: GenerationContext): SecurityScanOutput {
  const files = readFiles(job.input);
  const path = files.find((f) => !/\.(spec|test)\.ts$/.test(f.path))?.path;
  const where = path ? { path } : {};
  if (round <= markers.securityCritical) {
    return {
      findings: [
        {
          severity: 'critical',
          rule: 'OFFLINE-SEC-001-hardcoded-credential',
          message: `${OFFLINE_LABEL}, scan ${round}: a credential-like literal is embedded in the source; load it from configuration and rotate it.`,
          ...where,
        },
        {
          severity: 'low',
          rule: 'OFFLINE-SEC-002-verbose-errors',
          message: `${OFFLINE_LABEL}, scan ${round}: error messages echo raw input; keep them generic.`,
          ...where,
        },
      ],
    };
  }
  return {
    findings: [
      {
        severity: 'info',
        rule: 'OFFLINE-SEC-000-scan-summary',
        message: `${OFFLINE_LABEL}, scan ${round}: ${files.length} file(s) scanned, no vulnerabilities found.`,
      },
    ],
  };
}
