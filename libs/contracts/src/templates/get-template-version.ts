import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ByIdRequest } from '../common';
import type { TemplateVersionView } from './template.view';

export const Subject = 'template.v1.get-version';

export class Request extends ByIdRequest {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export type Reply = TemplateVersionView;
