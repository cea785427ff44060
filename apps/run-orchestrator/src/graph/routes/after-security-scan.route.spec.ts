import type { FindingSeverity, SecurityGate } from '@shipyard/contracts';
import { afterSecurityScan, isBlocking } from './after-security-scan.route';

const ALL: FindingSeverity[] = ['critical', 'high', 'medium', 'low', 'info'];

describe('afterSecurityScan', () => {
  it.each([
    ['block_critical', ['critical']],
    ['block_high', ['critical', 'high']],
    ['warn', []],
    ['off', []],
  ] as [SecurityGate, FindingSeverity[]][])('gate %s blocks exactly %j', (gate, blocking) => {
    expect(ALL.filter((s) => isBlocking(gate, s))).toEqual(blocking);
  });

  it('passes a clean scan without a warning', () => {
    expect(
      afterSecurityScan({ gate: 'block_high', severities: [], fixCyclesDone: 0, maxFixCycles: 2 }),
    ).toEqual({ next: 'pass', warning: null });
  });

  it('passes findings below the gate without a warning', () => {
    expect(
      afterSecurityScan({
        gate: 'block_critical',
        severities: ['high', 'low'],
        fixCyclesDone: 0,
        maxFixCycles: 2,
      }),
    ).toEqual({
      next: 'pass',
      warning: null,
    });
  });

  it('passes findings with a warning when the gate is warn, and silently when off', () => {
    expect(
      afterSecurityScan({ gate: 'warn', severities: ['critical'], fixCyclesDone: 0, maxFixCycles: 0 }),
    ).toEqual({
      next: 'pass',
      warning: 'security scan reported 1 findings (gate: warn)',
    });
    expect(
      afterSecurityScan({ gate: 'off', severities: ['critical'], fixCyclesDone: 0, maxFixCycles: 0 }),
    ).toEqual({ next: 'pass', warning: null });
  });

  it('sends blocking findings to a fix while cycles remain', () => {
    expect(
      afterSecurityScan({
        gate: 'block_high',
        severities: ['high', 'critical', 'low'],
        fixCyclesDone: 1,
        maxFixCycles: 2,
      }),
    ).toEqual({
      next: 'fix',
      blocking: 2,
    });
  });

  it('fails with the reason once the cycles are used up (or there are none)', () => {
    expect(
      afterSecurityScan({
        gate: 'block_critical',
        severities: ['critical'],
        fixCyclesDone: 2,
        maxFixCycles: 2,
      }),
    ).toEqual({
      next: 'failed',
      reason: 'security gate block_critical: 1 blocking findings remain after 2 of 2 fix cycles',
    });
    expect(
      afterSecurityScan({
        gate: 'block_critical',
        severities: ['critical'],
        fixCyclesDone: 0,
        maxFixCycles: 0,
      }).next,
    ).toBe('failed');
  });
});
