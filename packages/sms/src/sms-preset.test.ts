import { buildSmsRequest, parseSmsResponse } from './sms-preset';

describe('buildSmsRequest / parseSmsResponse', () => {
  const message = { to: '+8613800000000', text: 'PROBLEM web1 HTTP CRITICAL' };
  const now = new Date('2024-05-01T10:20:30Z');

  it('hands each provider its own preset', () => {
    const common = { recipients: ['+8613800000000'], endpoint: 'http://198.18.0.1:8700' };
    expect(
      buildSmsRequest({ ...common, provider: 'aliyun', accessKeyId: 'a', accessKeySecret: 's', signName: 'n', templateCode: 'T' }, message, now, 'n').url,
    ).toMatch(/^http:\/\/198\.18\.0\.1:8700\/\?Signature=.*Action=SendSms/);
    expect(
      buildSmsRequest(
        { ...common, provider: 'tencent', secretId: 'i', secretKey: 'k', sdkAppId: '1', signName: 'n', templateId: '1', region: 'ap-guangzhou' },
        message,
        now,
        'n',
      ).headers['X-TC-Action'],
    ).toBe('SendSms');
    expect(buildSmsRequest({ ...common, provider: 'twilio', accountSid: 'AC1', authToken: 't', from: '+15017122661' }, message, now, 'n').url).toBe(
      'http://198.18.0.1:8700/2010-04-01/Accounts/AC1/Messages.json',
    );
    expect(buildSmsRequest({ provider: 'webhook', recipients: ['+8613800000000'], url: 'http://198.18.0.1:8704/sms' }, message, now, 'n').body).toBe(
      '{"to":"+8613800000000","text":"PROBLEM web1 HTTP CRITICAL"}',
    );
  });

  it("reads each provider's answer with its own parser", () => {
    expect(parseSmsResponse('aliyun', 200, '{"Code":"OK","Message":"OK"}')).toEqual({ ok: true });
    expect(parseSmsResponse('tencent', 200, '{"Code":"OK","Message":"OK"}')).toMatchObject({ ok: false });
    expect(parseSmsResponse('twilio', 201, '{"sid":"SM1","status":"queued"}')).toEqual({ ok: true });
    expect(parseSmsResponse('webhook', 200, '')).toEqual({ ok: true });
  });
});
