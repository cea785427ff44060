/** What a user can ask of a run (`run.v1.pause|resume|stop`); project-service judges whether it may. */
export type RunCommand = 'pause' | 'resume' | 'stop';
