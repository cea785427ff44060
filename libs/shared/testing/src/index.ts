/**
 * Helpers for integration specs, shared by every team:
 * - `createTestDatabase()`: a migrated PostgreSQL database of the file's own (drop it in afterAll);
 * - `testNatsPrefix()`: a NATS subject prefix of the file's own;
 * - `uniqueId(prefix)`: unique names for streams, keys, tenants;
 * - `pollUntil(fn, { timeoutMs })`: wait for a condition with a deadline instead of sleeping;
 * - `connectClients(url, n)`: n connected pg clients, for concurrent writers.
 */
export * from './connect-clients';
export * from './create-test-database';
export { pollUntil, type PollOptions } from '@shipyard/shared/test-utils';
export * from './unique-id';
