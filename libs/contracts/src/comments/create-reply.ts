import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IDEMPOTENCY_KEY_PATTERN } from '../common/idempotency-key';
import { AuthorRoles, type AuthorRole } from '../enums';
import type { ReplyView } from './comment.view';

export const Subject = 'comment.v1.reply';

export class Body {
  @IsString()
  @Length(1, 50_000)
  body!: string;

  /** Answer another reply of the same comment, making a thread. */
  @IsOptional()
  @IsUUID('4')
  parentReplyId?: string;

  @IsOptional()
  @IsIn(AuthorRoles)
  authorRole?: AuthorRole;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  agentId?: string;
}

export class Request extends Body {
  @IsUUID('4')
  tenantId!: string;

  /** From the `Idempotency-Key` header: a retried create with the same key returns the first answer. */
  @IsOptional()
  @Matches(IDEMPOTENCY_KEY_PATTERN)
  idempotencyKey?: string;

  /** The comment replied to. */
  @IsUUID('4')
  id!: string;
}

export type Reply = ReplyView;
