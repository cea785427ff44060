import { planServices } from './service-plan';
import { formatSummary } from './summary';

const config = { GATEWAY_PORT: 3000, HEALTH_PORT_BASE: 3101, LOG_FORMAT: 'json' as const };

describe('formatSummary', () => {
  it('shows each service with its pid and health URL, and the gateway and API docs URLs', () => {
    const specs = planServices('/d', config);
    const text = formatSummary(specs, new Map([['agent-pm', 4242]]), 3000, 5);
    expect(text).toMatch(/agent-pm\s+pid 4242\s+http:\/\/localhost:3104\/health\/ready/);
    expect(text).toContain('http://localhost:3000/api/docs');
    expect(text.split('\n').filter((line) => line.includes('pid'))).toHaveLength(11);
    expect(text).toContain('started again (at most 5 times a minute)');
  });

  it('leaves out the API lines when the gateway is not started', () => {
    const text = formatSummary(planServices('/d', config, ['agent-qa']), new Map(), 3000, 0);
    expect(text).not.toContain('/api/docs');
    expect(text).toContain('pid ?');
    expect(text).toContain('RESTART_LIMIT=0');
  });

  it('lists further replicas by instance, each with its own pid, and counts services apart from processes', () => {
    const specs = planServices('/d', config, ['agent-qa', 'agent-pm'], { 'agent-qa': 3 });
    const pids = new Map([
      ['agent-qa', 1],
      ['agent-qa#2', 2],
      ['agent-qa#3', 3],
    ]);
    const text = formatSummary(specs, pids, 3000, 5);
    expect(text).toContain('2 service(s) in 4 processes');
    expect(text).toMatch(/agent-qa#3\s+pid 3\s+\(a further replica: NATS health subject only\)/);
    expect(text).toMatch(/agent-qa\s+pid 1\s+http:\/\/localhost:/);
  });
});
