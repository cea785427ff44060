import type { FindingSeverity, SecurityGate } from '@shipyard/contracts';

export type SecurityDecision =
  | { next: 'pass'; warning: string | null }
  | { next: 'fix'; blocking: number }
  | { next: 'failed'; reason: string };

const BLOCKING: Record<SecurityGate, readonly FindingSeverity[]> = {
  block_critical: ['critical'],
  block_high: ['critical', 'high'],
  warn: [],
  off: [],
};

export function isBlocking(gate: SecurityGate, severity: FindingSeverity): boolean {
  return BLOCKING[gate].includes(severity);
}

/**
 * The security gate. Findings at or above the gate send the run back for a developer fix while fix
 * cycles remain; once they are used up the run fails with the reason. `warn` lets findings through with
 * a warning; `off` ignores them.
 */
export function afterSecurityScan(input: {
  gate: SecurityGate;
  severities: readonly FindingSeverity[];
  fixCyclesDone: number;
  maxFixCycles: number;
}): SecurityDecision {
  const blocking = input.severities.filter((s) => isBlocking(input.gate, s)).length;
  if (blocking === 0) {
    const warning =
      input.gate === 'warn' && input.severities.length > 0
        ? `security scan reported ${input.severities.length} findings (gate: warn)`
        : null;
    return { next: 'pass', warning };
  }
  if (input.fixCyclesDone < input.maxFixCycles) return { next: 'fix', blocking };
  return {
    next: 'failed',
    reason: `security gate ${input.gate}: ${blocking} blocking findings remain after ${input.fixCyclesDone} of ${input.maxFixCycles} fix cycles`,
  };
}
