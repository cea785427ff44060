import { IsString, Length } from 'class-validator';

export const Subject = 'auth.v1.verify-key';

/** The gateway asks which tenant an API key belongs to. The key travels only inside the cluster. */
export class Request {
  @IsString()
  @Length(1, 500)
  apiKey!: string;
}

export interface Reply {
  tenantId: string;
  keyId: string;
}
