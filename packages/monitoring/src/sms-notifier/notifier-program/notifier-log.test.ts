import { credentialsOf, logLine } from './notifier-log';

describe('logLine', () => {
  const at = new Date('2026-11-27T01:02:03.000Z');

  it('is one line: the ISO time, then quoted fields, absent ones left out', () => {
    expect(
      logLine(at, { event: 'failed', about: 'PROBLEM web1/apache CRITICAL', to: '+8613800000000', attempt: 2, error: 'line\nbreak', reason: undefined }, []),
    ).toBe('2026-11-27T01:02:03.000Z event="failed" about="PROBLEM web1/apache CRITICAL" to="+8613800000000" attempt="2" error="line\\nbreak"\n');
  });

  it('blanks every credential a provider or an error echoes, quotes and backslashes included', () => {
    const credentials = credentialsOf({ provider: 'webhook', recipients: ['+8613800000000'], url: 'https://hooks.example/sms', bearerToken: 'tok"en\\1' });
    expect(credentials).toEqual(['tok"en\\1']);
    expect(logLine(at, { error: 'webhook refused: bad token tok"en\\1' }, credentials)).toBe(
      '2026-11-27T01:02:03.000Z error="webhook refused: bad token ***"\n',
    );
  });

  it('knows each provider credential', () => {
    expect(credentialsOf({ provider: 'aliyun', recipients: [], accessKeyId: 'id', accessKeySecret: 'secret', signName: 's', templateCode: 't' })).toEqual([
      'id',
      'secret',
    ]);
    expect(
      credentialsOf({ provider: 'tencent', recipients: [], secretId: 'id', secretKey: 'key', sdkAppId: '1', signName: 's', templateId: 't', region: 'r' }),
    ).toEqual(['id', 'key']);
    expect(credentialsOf({ provider: 'twilio', recipients: [], accountSid: 'AC1', authToken: 'token', from: '+15005550006' })).toEqual(['AC1', 'token']);
  });
});
