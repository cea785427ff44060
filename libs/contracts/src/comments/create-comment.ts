import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
} from 'class-validator';
import { IDEMPOTENCY_KEY_PATTERN } from '../common/idempotency-key';
import { AuthorRoles, CommentTypes, type AuthorRole, type CommentType } from '../enums';
import type { CommentView } from './comment.view';

export const Subject = 'comment.v1.create';

export class Body {
  @IsUUID('4')
  taskId!: string;

  @IsIn(CommentTypes)
  commentType!: CommentType;

  @IsString()
  @Length(1, 50_000)
  body!: string;

  /** Defaults to `user` for comments made through the API. */
  @IsOptional()
  @IsIn(AuthorRoles)
  authorRole?: AuthorRole;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  agentId?: string;

  @IsOptional()
  @IsObject()
  metrics?: Record<string, unknown>;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 2000, { each: true })
  blockers?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 2000, { each: true })
  nextSteps?: string[];
}

export class Request extends Body {
  @IsUUID('4')
  tenantId!: string;

  /** From the `Idempotency-Key` header: a retried create with the same key returns the first answer. */
  @IsOptional()
  @Matches(IDEMPOTENCY_KEY_PATTERN)
  idempotencyKey?: string;
}

export type Reply = CommentView;
