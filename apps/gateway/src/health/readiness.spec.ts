import { readinessFrom } from './readiness';

describe('readinessFrom', () => {
  const reply = { service: 'project-service', status: 'ok' as const, uptimeSeconds: 3 };

  it('is ready when project-service answers with its database up', () => {
    expect(readinessFrom({ ...reply, checks: { database: 'up' } })).toEqual({
      ready: true,
      checks: { nats: 'up', 'project-service': 'up', database: 'up' },
    });
  });

  it.each([
    ['the database is down', { ...reply, checks: { database: 'down' as const } }],
    ['the database is not reported', { ...reply, checks: {} }],
    ['no checks are reported', reply],
  ])('is not ready when %s', (_, answer) => {
    expect(readinessFrom(answer)).toEqual({
      ready: false,
      checks: { nats: 'up', 'project-service': 'up', database: 'down' },
    });
  });

  it('names project-service when it does not answer, and claims nothing it could not see', () => {
    expect(readinessFrom('no-answer')).toEqual({
      ready: false,
      checks: { nats: 'unknown', 'project-service': 'down', database: 'unknown' },
    });
  });
});
