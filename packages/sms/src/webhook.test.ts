import type { WebhookSmsSettings } from './sms-settings';
import { buildRequest, parseResponse, verifyRequest } from './webhook';

const settings: WebhookSmsSettings = { provider: 'webhook', recipients: ['+8613800000000'], url: 'http://198.18.0.1:8704/sms', bearerToken: 'lab-bearer' };
const message = { to: '+8613800000000', text: 'RECOVERY web1 HTTP OK' };
const now = new Date('2024-05-01T10:20:30Z');

describe('webhook preset', () => {
  it('POSTs {to, text} as JSON with the bearer token, none without one', () => {
    const request = buildRequest(settings, message, now, 'n');
    expect(request).toEqual({
      method: 'POST',
      url: 'http://198.18.0.1:8704/sms',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer lab-bearer' },
      body: '{"to":"+8613800000000","text":"RECOVERY web1 HTTP OK"}',
    });
    expect(buildRequest({ ...settings, bearerToken: undefined }, message, now, 'n').headers).toEqual({ 'Content-Type': 'application/json' });
  });

  it('the sink accepts it and refuses a wrong token or a body without text', () => {
    const request = buildRequest(settings, message, now, 'n');
    const received = { method: 'POST', url: '/sms', headers: { authorization: request.headers.Authorization }, body: request.body };
    expect(verifyRequest(received, settings)).toEqual({ ok: true });
    expect(verifyRequest(received, { bearerToken: 'other' })).toMatchObject({ code: '401' });
    expect(verifyRequest({ ...received, body: '{"to":"+8613800000000"}' }, settings)).toMatchObject({ code: '400' });
  });

  it('2xx is success unless the body says error; 429 and 5xx are retryable, 4xx not', () => {
    expect(parseResponse(200, '{"ok":true}')).toEqual({ ok: true });
    expect(parseResponse(204, '')).toEqual({ ok: true });
    expect(parseResponse(200, '{"error":"unknown recipient"}')).toEqual({ ok: false, error: 'webhook refused: unknown recipient', retryable: false });
    expect(parseResponse(200, '{"ok":false}')).toEqual({ ok: false, error: 'webhook refused: {"ok":false}', retryable: false });
    expect(parseResponse(429, 'slow down')).toEqual({ ok: false, error: 'HTTP 429: slow down', retryable: true });
    expect(parseResponse(503, '')).toMatchObject({ ok: false, retryable: true });
    expect(parseResponse(401, 'no')).toMatchObject({ ok: false, retryable: false });
  });
});
