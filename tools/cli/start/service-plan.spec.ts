import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nodeFlagsOf, ServiceNames, ServiceNodeFlags } from '@shipyard/contracts';
import { parseReplicaCounts, parseServiceList, planServices } from './service-plan';

const config = { GATEWAY_PORT: 3000, HEALTH_PORT_BASE: 3101, LOG_FORMAT: 'pretty' as const };

describe('planServices', () => {
  it('plans all eleven with their compiled entries and distinct ports', () => {
    const specs = planServices('/repo/dist', config);
    expect(specs.map((spec) => spec.name)).toEqual([...ServiceNames]);
    expect(specs.find((spec) => spec.name === 'agent-qa')?.entry).toBe(
      '/repo/dist/apps/agent-qa/src/main.js',
    );
    const ports = specs.map((spec) => spec.env.GATEWAY_PORT ?? spec.env.HEALTH_PORT);
    expect(new Set(ports).size).toBe(ServiceNames.length);
  });

  it('puts the gateway on GATEWAY_PORT with no separate health port', () => {
    const gateway = planServices('/d', { ...config, GATEWAY_PORT: 8080 }).find(
      (spec) => spec.name === 'gateway',
    );
    expect(gateway?.env).toEqual({ GATEWAY_PORT: '8080', HEALTH_PORT: '0', LOG_FORMAT: 'pretty' });
    expect(gateway?.healthUrl).toBe('http://localhost:8080/health/ready');
  });

  it('gives health ports from the base in service order', () => {
    const specs = planServices('/d', { ...config, HEALTH_PORT_BASE: 4000 });
    expect(specs.find((spec) => spec.name === 'project-service')?.env.HEALTH_PORT).toBe('4000');
    expect(specs.find((spec) => spec.name === 'agent-security')?.env.HEALTH_PORT).toBe('4009');
  });

  it('keeps a service on the same port whatever subset is started', () => {
    const all = planServices('/d', config).find((spec) => spec.name === 'agent-docs');
    const some = planServices('/d', config, ['agent-docs', 'agent-pm']);
    expect(some.map((spec) => spec.name)).toEqual(['agent-pm', 'agent-docs']);
    expect(some.find((spec) => spec.name === 'agent-docs')?.env.HEALTH_PORT).toBe(all?.env.HEALTH_PORT);
  });

  it('gives each service its node flags and the rest none', () => {
    const specs = planServices('/d', config);
    expect(specs.find((spec) => spec.name === 'run-orchestrator')?.nodeFlags).toEqual([
      '--max-semi-space-size=16',
    ]);
    expect(specs.find((spec) => spec.name === 'gateway')?.nodeFlags).toEqual([]);
  });

  it('agrees with deploy/entrypoint.sh, which starts the same services in containers', () => {
    const script = readFileSync(
      fileURLToPath(new URL('../../../deploy/entrypoint.sh', import.meta.url)),
      'utf8',
    );
    for (const name of ServiceNames) {
      const flags = ServiceNodeFlags[name] ?? [];
      // The exec line of the case branch that names this service.
      const branch = script.split(';;').find((part) => new RegExp(`(^|[\\s|])${name}[|)]`).test(part));
      const exec = branch?.split('\n').find((line) => line.trim().startsWith('exec node'));
      expect({ name, exec: exec?.trim() }).toEqual({
        name,
        exec: `exec node --enable-source-maps ${[...flags, ''].join(' ')}"/app/dist/apps/\${SERVICE}/src/main.js" "$@"`,
      });
    }
  });

  it('passes the log format on', () => {
    expect(
      planServices('/d', { ...config, LOG_FORMAT: 'json' }).every((spec) => spec.env.LOG_FORMAT === 'json'),
    ).toBe(true);
  });
});

describe('planServices with replicas', () => {
  it('adds further processes of a scaled service after the first of each, with no HTTP probe port', () => {
    const specs = planServices(
      '/d',
      { GATEWAY_PORT: 3000, HEALTH_PORT_BASE: 3101, LOG_FORMAT: 'json' },
      undefined,
      {
        'agent-developer': 3,
        'run-orchestrator': 2,
      },
    );
    expect(specs).toHaveLength(14);
    const developers = specs.filter((spec) => spec.name === 'agent-developer');
    expect(developers.map((spec) => spec.replica)).toEqual([1, 2, 3]);
    expect(developers.map((spec) => spec.env.HEALTH_PORT)).toEqual([
      expect.stringMatching(/^31\d\d$/),
      '0',
      '0',
    ]);
    expect(developers.map((spec) => spec.healthUrl)).toEqual([
      expect.stringContaining('http://'),
      null,
      null,
    ]);
    const orchestrators = specs.filter((spec) => spec.name === 'run-orchestrator');
    expect(orchestrators[1]?.nodeFlags).toEqual(nodeFlagsOf('run-orchestrator'));
  });
});

describe('parseReplicaCounts', () => {
  it('reads service=count pairs for agents and the orchestrator', () => {
    expect(parseReplicaCounts(undefined)).toEqual({});
    expect(parseReplicaCounts('agent-developer=3, run-orchestrator=2')).toEqual({
      'agent-developer': 3,
      'run-orchestrator': 2,
    });
  });

  it.each([
    'gateway=2',
    'artifact-service=2',
    'agent-qa=0',
    'agent-qa=17',
    'agent-qa',
    'agent-qa=two',
    'nope=2',
  ])('refuses %s, naming what it takes', (value) => {
    expect(() => parseReplicaCounts(value)).toThrow(/--replicas takes <service>=<1-16>.*agent-developer/);
  });
});

describe('parseServiceList', () => {
  it('means all eleven when not given', () => {
    expect(parseServiceList(undefined)).toEqual([...ServiceNames]);
  });

  it('accepts a subset, in service order, ignoring blanks', () => {
    expect(parseServiceList('agent-qa, gateway,,')).toEqual(['gateway', 'agent-qa']);
  });

  it('names unknown services', () => {
    expect(() => parseServiceList('gateway,agent-cto')).toThrow(/unknown: agent-cto/);
  });

  it('refuses an empty list', () => {
    expect(() => parseServiceList(' , ')).toThrow(/none given/);
  });
});
