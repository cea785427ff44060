import 'reflect-metadata';
import { IntSetting } from './int-setting';
import { parseConfig } from './parse-config';

class Sample {
  @IntSetting(10, 100)
  LIMIT = 50;
}

describe('IntSetting', () => {
  it('reads the environment string as an integer, and keeps the default when unset', () => {
    expect(parseConfig(Sample, { LIMIT: '42' }).LIMIT).toBe(42);
    expect(parseConfig(Sample, {}).LIMIT).toBe(50);
  });

  it('refuses values outside the bounds or not integers, naming the setting', () => {
    for (const value of ['9', '101', '12.5', 'many']) {
      expect(() => parseConfig(Sample, { LIMIT: value })).toThrow(/LIMIT/);
    }
  });
});
