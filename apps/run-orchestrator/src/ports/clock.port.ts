/** Wall-clock time, injected so deadline tests need no sleeps. */
export interface Clock {
  now(): Date;
}
