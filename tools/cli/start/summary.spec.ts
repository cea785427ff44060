import { planServices } from './service-plan';
import { formatSummary } from './summary';

const config = { GATEWAY_PORT: 3000, HEALTH_PORT_BASE: 3101, LOG_FORMAT: 'json' as const };

describe('formatSummary', () => {
  it('shows each service with its pid and health URL, and the gateway and API docs URLs', () => {
    const specs = planServices('/d', config);
    const text = formatSummary(specs, new Map([['agent-pm', 4242]]), 3000);
    expect(text).toMatch(/agent-pm\s+pid 4242\s+http:\/\/localhost:3104\/health\/ready/);
    expect(text).toContain('http://localhost:3000/api/docs');
    expect(text.split('\n').filter((line) => line.includes('pid'))).toHaveLength(11);
  });

  it('leaves out the API lines when the gateway is not started', () => {
    const text = formatSummary(planServices('/d', config, ['agent-qa']), new Map(), 3000);
    expect(text).not.toContain('/api/docs');
    expect(text).toContain('pid ?');
  });
});
