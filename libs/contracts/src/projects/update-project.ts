import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import type { RunConfigPatch } from '../config';
import type { ProjectView } from './project.view';

export const Subject = 'project.v1.update';

/**
 * Allowed only in DRAFT or READY. A READY project whose requirements, template or config change goes
 * back to DRAFT, so that `ready` checks it again. `configPatch` replaces the project's patch whole.
 */
export class Body {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsOptional()
  @IsString()
  @Length(0, 100_000)
  requirements?: string;

  @IsOptional()
  @IsUUID('4')
  templateId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  templateVersion?: number;

  @IsOptional()
  @IsObject()
  configPatch?: RunConfigPatch;
}

export class Request extends Body {
  @IsUUID('4')
  tenantId!: string;

  @IsUUID('4')
  id!: string;
}

export type Reply = ProjectView;
