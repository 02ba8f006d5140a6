import { createHash, createHmac } from 'node:crypto';
import type { ReceivedSmsRequest } from './sms-http';
import type { TencentSmsSettings } from './sms-settings';
import { buildRequest, parseResponse, tc3Authorization, tc3Date, tc3Sign, verifyRequest } from './tencent';

describe('TC3-HMAC-SHA256: the worked example of the "Signature v3" documentation', () => {
  // CVM DescribeInstances, POST JSON, X-TC-Timestamp 1551113065; the page computes with the masked key as printed.
  const secretId = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******';
  const secretKey = 'Gu5t9xGARNpq86cd98joQYCN3*******';
  const payload = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
  const input = {
    method: 'POST',
    path: '/',
    query: '',
    payload,
    timestamp: 1551113065,
    service: 'cvm',
    headers: { 'Content-Type': 'application/json; charset=utf-8', Host: 'cvm.tencentcloudapi.com' } as Record<string, string>,
  };

  it('matches the earlier revision (signed headers content-type;host)', () => {
    const signed = tc3Sign(input, secretKey);
    expect(signed.canonicalRequest).toBe(
      'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    );
    expect(signed.stringToSign).toBe(
      'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    );
    expect(signed.signature).toBe('2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c');
    expect(tc3Authorization(secretId, signed)).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c',
    );
  });

  it('matches the current revision (x-tc-action signed too)', () => {
    const signed = tc3Sign({ ...input, headers: { ...input.headers, 'X-TC-Action': 'DescribeInstances' } }, secretKey);
    expect(signed.stringToSign).toBe(
      'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84',
    );
    expect(tc3Authorization(secretId, signed)).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=be4f67d323c78ab9acb7395e43c0dbcf822a9cfac32fea2449a7bc7726b770a3',
    );
  });

  it('dates the scope in UTC (00:44 in UTC+8 is still the 25th)', () => {
    expect(tc3Date(1551113065)).toBe('2019-02-25');
  });
});

const settings: TencentSmsSettings = {
  provider: 'tencent',
  recipients: ['+8613711112222'],
  secretId: 'AKIDlab',
  secretKey: 'lab-key',
  sdkAppId: '1400006666',
  signName: '运维',
  templateId: '1110',
  region: 'ap-guangzhou',
};
const now = new Date('2024-05-01T10:20:30.999Z');
const message = { to: '+8613711112222', text: 'PROBLEM web1 HTTP CRITICAL' };

function received(request: ReturnType<typeof buildRequest>): ReceivedSmsRequest {
  const url = new URL(request.url);
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: request.method, url: url.pathname + url.search, headers, body: request.body };
}

describe('tencent buildRequest', () => {
  it('POSTs SendSms 2021-01-11 with the common headers', () => {
    const request = buildRequest(settings, message, now, 'unused');
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://sms.tencentcloudapi.com/');
    expect(request.headers).toMatchObject({
      'Content-Type': 'application/json; charset=utf-8',
      Host: 'sms.tencentcloudapi.com',
      'X-TC-Action': 'SendSms',
      'X-TC-Version': '2021-01-11',
      'X-TC-Timestamp': '1714558830',
      'X-TC-Region': 'ap-guangzhou',
    });
    expect(JSON.parse(request.body)).toEqual({
      PhoneNumberSet: ['+8613711112222'],
      SmsSdkAppId: '1400006666',
      SignName: '运维',
      TemplateId: '1110',
      TemplateParamSet: ['PROBLEM web1 HTTP CRITICAL'],
    });
    expect(JSON.stringify(request)).not.toContain('lab-key');
  });

  it('signs what a step-by-step TC3 computation gives', () => {
    const request = buildRequest(settings, message, now, 'n');
    const hex = (s: string) => createHash('sha256').update(s).digest('hex');
    const canonical = `POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:sms.tencentcloudapi.com\nx-tc-action:sendsms\n\ncontent-type;host;x-tc-action\n${hex(request.body)}`;
    const toSign = `TC3-HMAC-SHA256\n1714558830\n2024-05-01/sms/tc3_request\n${hex(canonical)}`;
    let key: Buffer = createHmac('sha256', 'TC3lab-key').update('2024-05-01').digest();
    key = createHmac('sha256', key).update('sms').digest();
    key = createHmac('sha256', key).update('tc3_request').digest();
    const signature = createHmac('sha256', key).update(toSign).digest('hex');
    expect(request.headers.Authorization).toBe(
      `TC3-HMAC-SHA256 Credential=AKIDlab/2024-05-01/sms/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=${signature}`,
    );
  });

  it('signs the endpoint host when one is set', () => {
    const request = buildRequest({ ...settings, endpoint: 'http://198.18.0.1:8702' }, message, now, 'n');
    expect(request.url).toBe('http://198.18.0.1:8702/');
    expect(request.headers.Host).toBe('198.18.0.1:8702');
    expect(verifyRequest(received(request), { secretId: 'AKIDlab', secretKey: 'lab-key' })).toEqual({ ok: true });
  });
});

describe('tencent verifyRequest (the sink)', () => {
  const credentials = { secretId: 'AKIDlab', secretKey: 'lab-key' };
  const request = buildRequest(settings, message, now, 'n');
  it('accepts what buildRequest sends', () => {
    expect(verifyRequest(received(request), credentials, now)).toEqual({ ok: true });
  });
  it('refuses another key, a changed body, an expired timestamp, another SecretId, a broken Authorization', () => {
    expect(verifyRequest(received(request), { ...credentials, secretKey: 'other' })).toMatchObject({ code: 'AuthFailure.SignatureFailure' });
    expect(verifyRequest({ ...received(request), body: request.body.replace('2222', '2223') }, credentials)).toMatchObject({
      code: 'AuthFailure.SignatureFailure',
    });
    expect(verifyRequest(received(request), credentials, new Date(now.getTime() + 301_000))).toMatchObject({ code: 'AuthFailure.SignatureExpire' });
    expect(verifyRequest(received(request), { ...credentials, secretId: 'other' })).toMatchObject({ code: 'AuthFailure.SecretIdNotFound' });
    const r = received(request);
    expect(verifyRequest({ ...r, headers: { ...r.headers, authorization: 'Bearer x' } }, credentials)).toMatchObject({
      code: 'AuthFailure.InvalidAuthorization',
    });
    expect(verifyRequest({ ...r, headers: { ...r.headers, 'x-tc-version': '2019-07-11' } }, credentials)).toMatchObject({ code: 'NoSuchVersion' });
  });
});

describe('tencent parseResponse', () => {
  it('takes every SendStatus Ok as success', () => {
    const body =
      '{"Response":{"SendStatusSet":[{"SerialNo":"5000:1045710669157053657849499619","PhoneNumber":"+8618511122233","Fee":1,"SessionContext":"test","Code":"Ok","Message":"send success","IsoCode":"CN"}],"RequestId":"a0aabda6-cf91-4f3e-a81f-9198114a2279"}}';
    expect(parseResponse(200, body)).toEqual({ ok: true });
  });
  it('fails on a per-number code even with HTTP 200; a short limit is retryable, a daily one is not', () => {
    const status = (code: string) =>
      `{"Response":{"SendStatusSet":[{"SerialNo":"","PhoneNumber":"+8618511122233","Fee":0,"SessionContext":"","Code":"${code}","Message":"limit","IsoCode":"CN"}],"RequestId":"r"}}`;
    expect(parseResponse(200, status('LimitExceeded.PhoneNumberThirtySecondLimit'))).toEqual({
      ok: false,
      error: 'LimitExceeded.PhoneNumberThirtySecondLimit: limit (+8618511122233)',
      retryable: true,
    });
    expect(parseResponse(200, status('LimitExceeded.PhoneNumberDailyLimit'))).toMatchObject({ ok: false, retryable: false });
  });
  it('fails on Response.Error: a bad signature is final, a rate limit is retryable', () => {
    expect(
      parseResponse(
        200,
        '{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"The provided credentials could not be validated."},"RequestId":"r"}}',
      ),
    ).toEqual({
      ok: false,
      error: 'AuthFailure.SignatureFailure: The provided credentials could not be validated.',
      retryable: false,
    });
    expect(parseResponse(200, '{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"too fast"},"RequestId":"r"}}')).toMatchObject({
      ok: false,
      retryable: true,
    });
    expect(parseResponse(200, '{"Response":{"SendStatusSet":[],"RequestId":"r"}}')).toMatchObject({ ok: false });
    expect(parseResponse(503, 'busy')).toMatchObject({ ok: false, retryable: true });
  });
});
