import { randomUUID } from 'node:crypto';
import { ListFiles, PutFiles } from '../artifacts';
import { refusedPaths, validateContract } from '../validation';
import { IsJobId, JOB_ID_MAX_LENGTH } from './job-id';

class Carrier {
  @IsJobId()
  jobId!: string;
}

const pathsRefused = (input: unknown): string[] => refusedPaths(Carrier, input);

describe('IsJobId', () => {
  it('accepts ids of id characters up to the bound', () => {
    expect(pathsRefused({ jobId: 'run:dev_work_cycle:task-1:2' })).toEqual([]);
    expect(pathsRefused({ jobId: 'a'.repeat(JOB_ID_MAX_LENGTH) })).toEqual([]);
  });

  it('refuses empty, too long and ids with other characters', () => {
    for (const jobId of ['', 'a'.repeat(JOB_ID_MAX_LENGTH + 1), 'job id', 'job/1', 'job\n1']) {
      expect(pathsRefused({ jobId })).toEqual(['jobId']);
    }
  });

  it('bounds the artifact contracts as the job contract does, so a sent job can always store its files', () => {
    const jobId = `${randomUUID()}:${'x'.repeat(JOB_ID_MAX_LENGTH - 37)}`;
    const base = { tenantId: randomUUID(), runId: randomUUID(), jobId };
    expect(() =>
      validateContract(PutFiles.Request, { ...base, files: [{ path: 'a.ts', content: 'x' }] }),
    ).not.toThrow();
    expect(() => validateContract(ListFiles.Request, base)).not.toThrow();
  });
});
