export * as VerifyApiKey from './verify-api-key';
