/**
 * Calls `onGone` once when the process that started us exits. `npm start` runs this launcher under npm and
 * `sh -c`; a SIGTERM to npm kills those two without passing it on, which would leave the launcher and all
 * eleven services running as orphans. Noticing the new parent pid turns that into an orderly stop.
 */
export function watchParent(onGone: () => void, intervalMs = 1000): () => void {
  const original = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== original) {
      clearInterval(timer);
      onGone();
    }
  }, intervalMs);
  // The launcher lives as long as its children; this check must never be what keeps it alive.
  timer.unref();
  return () => clearInterval(timer);
}
