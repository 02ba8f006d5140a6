export * from './nrpe-agent';
export * from './nagios-server';
export * from './sms-notifier';
export * from './nagios-web';
