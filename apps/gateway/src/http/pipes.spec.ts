import type { ArgumentMetadata } from '@nestjs/common';
import { CreateProject, ListProjects, type DomainError } from '@shipyard/contracts';
import { ContractBodyPipe } from './contract-body.pipe';
import { ContractQueryPipe } from './contract-query.pipe';
import { NoBodyPipe } from './no-body.pipe';
import { UuidParamPipe } from './uuid-param.pipe';
import { VersionParamPipe } from './version-param.pipe';

const param = (data: string): ArgumentMetadata => ({ type: 'param', data });

function failure(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a failure');
}

describe('UuidParamPipe', () => {
  const pipe = new UuidParamPipe();

  it('accepts a UUID v4 and normalises its case', () => {
    expect(pipe.transform('0F8FAD5B-D9CB-469F-A165-70867728950E', param('id'))).toBe(
      '0f8fad5b-d9cb-469f-a165-70867728950e',
    );
  });

  it.each(['123', 'not-a-uuid', '0f8fad5b-d9cb-169f-a165-70867728950e', "' OR 1=1 --", ''])(
    'refuses %j naming the parameter',
    (id) => {
      expect(failure(() => pipe.transform(id, param('id')))).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ path: 'id', messages: ['id must be a UUID v4'] }],
      });
    },
  );
});

describe('VersionParamPipe', () => {
  const pipe = new VersionParamPipe();

  it.each([
    ['1', 1],
    ['42', 42],
    ['2147483647', 2_147_483_647],
  ])('reads %s', (raw, version) => {
    expect(pipe.transform(raw, param('version'))).toBe(version);
  });

  it.each(['0', '-1', '01', '1.5', '1e2', '0x10', '+1', 'abc', '2147483648', '99999999999'])(
    'refuses %s',
    (raw) => {
      expect(failure(() => pipe.transform(raw, param('version'))).code).toBe('VALIDATION_FAILED');
    },
  );
});

describe('ContractQueryPipe', () => {
  const pipe = ContractQueryPipe.of(ListProjects.Query);

  it('fills the paging defaults', () => {
    expect({ ...pipe.transform({}) }).toEqual({ skip: 0, limit: 20 });
  });

  it('accepts the largest skip the database takes', () => {
    expect(pipe.transform({ skip: '2147483647' }).skip).toBe(2_147_483_647);
  });

  it('converts and keeps given values', () => {
    expect({ ...pipe.transform({ skip: '5', limit: '100', status: 'READY' }) }).toEqual({
      skip: 5,
      limit: 100,
      status: 'READY',
    });
  });

  it('reads an Express null-prototype query object', () => {
    const query = Object.assign(Object.create(null) as object, { limit: '3' });
    expect(pipe.transform(query).limit).toBe(3);
  });

  it.each([
    [{ skip: '-1' }, 'skip'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '101' }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ skip: '' }, 'skip'],
    [{ skip: '1e3' }, 'skip'],
    [{ skip: ' 5' }, 'skip'],
    [{ skip: '0x10' }, 'skip'],
    [{ skip: '99999999999999999999' }, 'skip'],
    [{ skip: '2147483648' }, 'skip'],
    [{ limit: ['1', '2'] }, 'limit'],
    [{ status: 'BOGUS' }, 'status'],
    [{ sort: 'name' }, 'sort'],
  ])('refuses %j naming %s', (query, field) => {
    const error = failure(() => pipe.transform(query));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
  });
});

describe('ContractBodyPipe', () => {
  it('refuses unknown fields and bad values together', () => {
    const error = failure(() => ContractBodyPipe.of(CreateProject.Body).transform({ name: '', extra: true }));
    expect(error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'name' }),
        expect.objectContaining({ path: 'extra' }),
      ]),
    );
  });

  it('refuses a missing body unless the body is optional', () => {
    expect(failure(() => ContractBodyPipe.of(CreateProject.Body).transform(undefined)).code).toBe(
      'VALIDATION_FAILED',
    );
  });
});

describe('NoBodyPipe', () => {
  const pipe = new NoBodyPipe();

  it('accepts no body and an empty object', () => {
    expect(pipe.transform(undefined)).toBeUndefined();
    expect(pipe.transform({})).toBeUndefined();
  });

  it('refuses fields, naming each', () => {
    expect(failure(() => pipe.transform({ force: true })).details).toEqual([
      { path: 'force', messages: ['property force should not exist'] },
    ]);
    expect(failure(() => pipe.transform([1])).code).toBe('VALIDATION_FAILED');
  });
});
