import { alertText, configProblems, MAX_SMS_TEXT } from './notifier-config';

const SECRET = 'aliyunSecretNeverQuoted0000';
const config = {
  settings: { provider: 'aliyun', recipients: ['+8613800000000'], accessKeyId: 'LTAIkey', accessKeySecret: SECRET, signName: 'Lab', templateCode: 'SMS_1' },
  stateDir: '/var/lib/hastack-sms',
  logFile: '/var/log/hastack-sms/notify.log',
  renotifySeconds: 3600,
  hourlyCap: 30,
  buildGraceSeconds: 1800,
  retries: { attempts: 4, firstDelayMs: 1000 },
  runBudgetMs: 25000,
};

describe('alertText', () => {
  it('says what, where and how, host/service first', () => {
    expect(alertText({ type: 'PROBLEM', host: 'web1', service: 'apache', state: 'CRITICAL', output: 'connection refused' })).toBe(
      'PROBLEM web1/apache CRITICAL: connection refused',
    );
    expect(alertText({ type: 'RECOVERY', host: 'db1', state: 'UP', output: 'PING OK' })).toBe('RECOVERY db1 UP: PING OK');
  });

  it('cuts a long output to 300 characters, marking the cut', () => {
    const text = alertText({ type: 'PROBLEM', host: 'web1', service: 'apache', state: 'CRITICAL', output: 'x'.repeat(1000) });
    expect(text).toHaveLength(MAX_SMS_TEXT);
    expect(text).toMatch(/^PROBLEM web1\/apache CRITICAL: x+\.\.\.$/);
  });
});

describe('configProblems', () => {
  it('accepts what the component writes', () => {
    expect(configProblems(config)).toEqual([]);
  });

  it('names every problem of a hand-edited file, never quoting a credential', () => {
    const problems = configProblems({
      ...config,
      settings: { ...config.settings, recipients: [] },
      hourlyCap: 0,
      buildGraceSeconds: -1,
      retries: { attempts: 0 },
      runBudgetMs: undefined,
      logFile: 'relative',
    });
    expect(problems).toEqual([
      'settings.recipients: at least one phone number is needed',
      'logFile: must be an absolute path',
      'hourlyCap: must be a whole number >= 1',
      'buildGraceSeconds: must be a whole number >= 0',
      'retries.attempts: must be a whole number >= 1',
      'retries.firstDelayMs: must be a whole number >= 0',
      'runBudgetMs: must be a whole number >= 1',
    ]);
    expect(problems.join('\n')).not.toContain(SECRET);
    expect(configProblems(null)).toEqual(['the config must be a JSON object']);
  });
});
