import { validateSmsSettings } from './sms-settings';

describe('validateSmsSettings', () => {
  it('accepts a complete preset of each provider', () => {
    expect(
      validateSmsSettings({
        provider: 'aliyun',
        recipients: ['+8613800000000'],
        accessKeyId: 'a',
        accessKeySecret: 's',
        signName: 'n',
        templateCode: 'SMS_1',
        endpoint: 'http://198.18.0.1:8701',
      }),
    ).toEqual([]);
    expect(
      validateSmsSettings({
        provider: 'tencent',
        recipients: ['+8613711112222'],
        secretId: 'i',
        secretKey: 'k',
        sdkAppId: '1400006666',
        signName: 'n',
        templateId: '1',
        region: 'ap-guangzhou',
      }),
    ).toEqual([]);
    expect(validateSmsSettings({ provider: 'twilio', recipients: ['+15558675310'], accountSid: 'AC0123', authToken: 't', from: '+15017122661' })).toEqual([]);
    expect(validateSmsSettings({ provider: 'webhook', recipients: ['+15558675310'], url: 'https://alerts.example.com/sms', bearerToken: 'b' })).toEqual([]);
  });

  it('refuses an unknown provider naming the known ones, and still checks the numbers', () => {
    expect(validateSmsSettings({ provider: 'nexmo', recipients: ['13800000000'] })).toEqual([
      'provider: "nexmo" is not one of aliyun, tencent, twilio, webhook',
      'recipients[0]: "13800000000" is not an E.164 number (+ then 8 to 15 digits, the first not 0)',
    ]);
  });

  it('checks E.164: + then 8 to 15 digits, the first not 0', () => {
    const problems = (recipients: unknown) => validateSmsSettings({ provider: 'webhook', url: 'http://x', recipients });
    expect(problems(['+12345678', '+123456789012345'])).toEqual([]);
    expect(problems(['+1234567', '+1234567890123456', '+0123456789', '+86 138 0000 0000', 8613800000000])).toHaveLength(5);
    expect(problems([])).toEqual(['recipients: at least one phone number is needed']);
    expect(problems(undefined)).toEqual(['recipients: at least one phone number is needed']);
  });

  it('names every missing or empty credential of the provider', () => {
    expect(validateSmsSettings({ provider: 'aliyun', recipients: ['+8613800000000'], accessKeyId: '', signName: ' ' })).toEqual([
      'accessKeyId: aliyun needs it, non-empty',
      'accessKeySecret: aliyun needs it, non-empty',
      'signName: aliyun needs it, non-empty',
      'templateCode: aliyun needs it, non-empty',
    ]);
    expect(validateSmsSettings({ provider: 'tencent', recipients: ['+8613800000000'] })).toEqual(
      ['secretId', 'secretKey', 'sdkAppId', 'signName', 'templateId', 'region'].map((name) => `${name}: tencent needs it, non-empty`),
    );
    expect(validateSmsSettings({ provider: 'twilio', recipients: ['+15558675310'], accountSid: 'AC/../x', authToken: 't', from: '15017122661' })).toEqual([
      'from: "15017122661" is not an E.164 number',
      'accountSid: letters and digits only (an Account SID is AC followed by 32 hex digits)',
    ]);
  });

  it('checks the webhook url, the bearer token and the endpoint override', () => {
    expect(validateSmsSettings({ provider: 'webhook', recipients: ['+15558675310'], url: 'ftp://x/sms', bearerToken: '', endpoint: 'http://y' })).toEqual([
      'bearerToken: must be non-empty when set',
      'url: "ftp://x/sms" is not an http(s) URL',
      'endpoint: a webhook has no provider URL to replace; set url',
    ]);
    const twilio = { provider: 'twilio', recipients: ['+15558675310'], accountSid: 'AC1', authToken: 't', from: '+15017122661' };
    expect(validateSmsSettings({ ...twilio, endpoint: 'http://198.18.0.1:8703/twilio' })).toEqual([
      'endpoint: "http://198.18.0.1:8703/twilio" is not an http(s) URL of scheme, host and port only',
    ]);
    expect(validateSmsSettings({ ...twilio, endpoint: 'sink:8703' })).toHaveLength(1);
    expect(validateSmsSettings(null)).toEqual(['sms: the settings must be an object']);
  });
});
