export * from './nagios-web-args';
export * from './nagios-web';
export * from './render-nagios-web';
