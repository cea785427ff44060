/**
 * What each child of `npm start` runs before its service (`node --import <guard>`): when the launcher that
 * started it dies without stopping it (SIGKILLed, or its terminal closed), the child stops itself the way a
 * SIGTERM would, so the platform does not live on as orphans that a new `npm start` refuses to start beside.
 * The launcher's pid comes in LAUNCHER_PID_ENV rather than from the child's first look at its parent, so a
 * launcher that died while the child was still booting is noticed too. A data: URL rather than a file, so it
 * works from the sources (tests) and from dist/ alike. It checks once a second and never keeps a process alive.
 */
export const LAUNCHER_PID_ENV = 'SHIPYARD_LAUNCHER_PID';

const GUARD = `
const launcher = Number(process.env.${LAUNCHER_PID_ENV});
if (launcher > 0) {
  const check = () => {
    if (process.ppid === launcher) return;
    clearInterval(timer);
    process.kill(process.pid, 'SIGTERM');
  };
  const timer = setInterval(check, 1000);
  timer.unref();
  check();
}
`;

/** The node arguments that load the guard into a child; its environment must carry LAUNCHER_PID_ENV. */
export function orphanGuardArgs(): string[] {
  return ['--import', `data:text/javascript,${encodeURIComponent(GUARD)}`];
}
