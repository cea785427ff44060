import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** An integer setting read from the environment (a string there) and bounded to [min, max]. */
export function IntSetting(min: number, max: number): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    const property = key as string;
    Type(() => Number)(target, property);
    IsInt()(target, property);
    Min(min)(target, property);
    Max(max)(target, property);
  };
}
