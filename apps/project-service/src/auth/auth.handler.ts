import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { VerifyApiKey } from '@shipyard/contracts';
import { ContractPipe } from '@shipyard/shared/messaging';
import { ApiKeyService } from './api-key.service';

@Controller()
export class AuthHandler {
  constructor(private readonly keys: ApiKeyService) {}

  @MessagePattern(VerifyApiKey.Subject)
  verify(
    @Payload(ContractPipe.of(VerifyApiKey.Request)) req: VerifyApiKey.Request,
  ): Promise<VerifyApiKey.Reply> {
    return this.keys.verify(req);
  }
}
