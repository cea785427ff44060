import { IsUUID } from 'class-validator';

/** Every request a service receives names the tenant it acts for; the gateway sets it from the API key. */
export class TenantScoped {
  @IsUUID('4')
  tenantId!: string;
}

/** A request about one resource of the tenant. */
export class ByIdRequest extends TenantScoped {
  @IsUUID('4')
  id!: string;
}
