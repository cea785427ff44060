export * from './bootstrap-agent';
export * from './exit-on-startup-failure';
