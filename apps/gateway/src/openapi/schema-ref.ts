import type { ReferenceObject } from '@nestjs/swagger';

export const SCHEMA_PREFIX = '#/components/schemas/';

export function ref(name: string): ReferenceObject {
  return { $ref: `${SCHEMA_PREFIX}${name}` };
}
