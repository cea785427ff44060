/**
 * Test and benchmark helpers that import nothing of ours, so every project's specs may use them (infrastructure libs
 * included, which may not depend on @shipyard/shared/testing and its database helpers).
 */
export * from './free-port';
export * from './latency-summary';
export * from './poll-until';
export * from './thrown-by';
