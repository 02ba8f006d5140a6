/**
 * The lab's account at each SMS provider. Published on purpose: they open nothing but the lab's sink, which
 * checks requests against them the way the provider checks against a real account.
 */
export const LabSmsCredentials = {
  aliyun: { accessKeyId: 'LTAI5tLabSmsSink00000000', accessKeySecret: 'labSmsSinkAliyunSecret0000000' },
  tencent: { secretId: 'AKIDlabSmsSink000000000000000000000', secretKey: 'labSmsSinkTencentSecretKey000000' },
  // Twilio's shape: AC and 32 hex digits, a 32-hex-digit token; the sender is Twilio's documented test number.
  twilio: { accountSid: 'AC0000000000000000000000000000a1ab', authToken: '0000000000000000000000000000a1ab' },
  webhook: { bearerToken: 'lab-sms-sink-webhook-token' },
} as const;

/**
 * Settings of `provider` that the sink accepts, sent to the sink at `sink` (scheme, host and port,
 * `http://198.18.0.1:8025`): what the lab stack gives its notifier, as `@hastack/sms`'s `SmsSettings`
 * (not named here: the lab tool may not depend on a component, the stack's compiler checks the shape).
 */
export function labSmsSettings(provider: keyof typeof LabSmsCredentials, sink: string, recipients: string[]) {
  const endpoint = new URL(sink).origin;
  switch (provider) {
    case 'aliyun':
      return { provider, recipients, endpoint, ...LabSmsCredentials.aliyun, signName: '实验室', templateCode: 'SMS_000000001' };
    case 'tencent':
      return {
        provider,
        recipients,
        endpoint,
        ...LabSmsCredentials.tencent,
        sdkAppId: '1400000000',
        signName: '实验室',
        templateId: '1000001',
        region: 'ap-guangzhou',
      };
    case 'twilio':
      return { provider, recipients, endpoint, ...LabSmsCredentials.twilio, from: '+15005550006' };
    case 'webhook':
      return { provider, recipients, url: `${endpoint}/sms`, ...LabSmsCredentials.webhook };
  }
}
