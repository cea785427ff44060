import { DomainError } from '@shipyard/contracts';
import { assertNoDependencyCycle, findDependencyCycle } from './dependency-graph';

/** The error `fn` throws; fails the test when it throws nothing. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('dependency cycles', () => {
  const chain = [
    { id: 'a', dependsOn: [] },
    { id: 'b', dependsOn: ['a'] },
    { id: 'c', dependsOn: ['b'] },
  ];

  it('finds none in a DAG, including diamonds', () => {
    const diamond = [...chain, { id: 'd', dependsOn: ['a', 'c'] }];
    expect(findDependencyCycle(diamond, { id: 'e', dependsOn: ['d', 'b'] })).toBeNull();
  });

  it('finds the cycle a changed task would close, naming its members in order', () => {
    expect(findDependencyCycle(chain, { id: 'a', dependsOn: ['c'] })).toEqual(['a', 'c', 'b', 'a']);
  });

  it('finds a self-dependency', () => {
    expect(findDependencyCycle(chain, { id: 'b', dependsOn: ['b'] })).toEqual(['b', 'b']);
  });

  it('ignores dependencies on tasks outside the graph', () => {
    expect(findDependencyCycle(chain, { id: 'c', dependsOn: ['zzz'] })).toBeNull();
  });

  it('handles a deep chain without recursion limits', () => {
    const deep = Array.from({ length: 20_000 }, (_, i) => ({
      id: `t${i}`,
      dependsOn: i ? [`t${i - 1}`] : [],
    }));
    expect(findDependencyCycle(deep, { id: 't0', dependsOn: ['t19999'] })).toHaveLength(20_001);
  });

  it('throws DEPENDENCY_CYCLE with the cycle in the details', () => {
    expect(() => assertNoDependencyCycle(chain, { id: 'a', dependsOn: ['c'] })).toThrow(DomainError);
    expect(thrown(() => assertNoDependencyCycle(chain, { id: 'a', dependsOn: ['c'] }))).toMatchObject({
      code: 'DEPENDENCY_CYCLE',
      details: { cycle: ['a', 'c', 'b', 'a'] },
    });
  });
});
