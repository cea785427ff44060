import {
  Allow,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';
import type { DeadLetterEnvelope, DeadLetterKind } from '@shipyard/shared/jetstream';

const KINDS: readonly DeadLetterKind[] = ['invalid_payload', 'rejected', 'exhausted'];

/**
 * A dead letter as the orchestrator reads it back from the dead-letter stream: checked like any other
 * message that crosses NATS, because its fields end up in a failed result and in a task's reason. A
 * letter that does not fit is terminated and stays in the stream for people to inspect. `payload` is the
 * original message, whatever it was; `deadLetterAction` validates it against the job or result contract.
 */
export class DeadLetterEnvelopeContract implements DeadLetterEnvelope {
  @IsIn(KINDS)
  kind!: DeadLetterKind;

  @IsString()
  @Length(0, 20_000)
  reason!: string;

  @IsOptional()
  @IsObject()
  error?: { code?: string; message: string; details?: unknown };

  @IsString()
  @Length(1, 1000)
  originalSubject!: string;

  @IsString()
  @Length(1, 1000)
  stream!: string;

  @IsString()
  @Length(1, 1000)
  consumer!: string;

  @IsInt()
  @Min(0)
  streamSequence!: number;

  @IsInt()
  @Min(0)
  @Max(1_000_000)
  deliveryCount!: number;

  @IsObject()
  headers!: Record<string, string>;

  @IsOptional()
  @Allow()
  payload?: unknown;

  @IsOptional()
  @IsString()
  payloadText?: string;

  @IsISO8601({ strict: true })
  deadLetteredAt!: string;
}
