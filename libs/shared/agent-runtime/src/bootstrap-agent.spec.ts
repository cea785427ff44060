import { AgentRoles, ServiceNames } from '@shipyard/contracts';
import { agentServiceName } from './bootstrap-agent';

describe('agentServiceName', () => {
  it('names a declared service for every role, each role its own', () => {
    const names = AgentRoles.map(agentServiceName);
    for (const name of names) expect(ServiceNames).toContain(name);
    expect(new Set(names).size).toBe(AgentRoles.length);
  });

  it('leaves no agent-* service without a role', () => {
    const agentServices = ServiceNames.filter((name) => name.startsWith('agent-'));
    expect([...agentServices].sort()).toEqual(AgentRoles.map(agentServiceName).sort());
  });
});
