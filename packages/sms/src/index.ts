export * from './sms-http';
export * from './sms-settings';
export * from './sms-preset';
// Each preset has the same three names (buildRequest, parseResponse, verifyRequest): one namespace each.
export * as aliyunSms from './aliyun';
export * as tencentSms from './tencent';
export * as twilioSms from './twilio';
export * as webhookSms from './webhook';
