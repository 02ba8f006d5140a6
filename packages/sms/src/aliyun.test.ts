import { createHmac } from 'node:crypto';
import { aliyunCanonicalizedQuery, aliyunPercentEncode, aliyunSignature, aliyunStringToSign, buildRequest, parseResponse, verifyRequest } from './aliyun';
import type { ReceivedSmsRequest } from './sms-http';
import type { AliyunSmsSettings } from './sms-settings';

describe('Alibaba Cloud RPC signature: the worked examples of the documentation', () => {
  // SMS "签名机制" page (help.aliyun.com/document_detail/101343.htm): SendSms with AccessKey testId / testSecret.
  const smsDocParams = {
    AccessKeyId: 'testId',
    Action: 'SendSms',
    Format: 'XML',
    OutId: '123',
    PhoneNumbers: '15300000001',
    RegionId: 'cn-hangzhou',
    SignName: '阿里云短信测试专用',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
    SignatureVersion: '1.0',
    TemplateCode: 'SMS_71390007',
    TemplateParam: '{"customer":"test"}',
    Timestamp: '2017-07-12T02:42:19Z',
    Version: '2017-05-25',
  };

  it('matches the SMS example: string to sign and signature', () => {
    expect(aliyunStringToSign('GET', smsDocParams)).toBe(
      'GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123%26PhoneNumbers%3D15300000001%26RegionId%3Dcn-hangzhou' +
        '%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF%2595%25E4%25B8%2593%25E7%2594%25A8' +
        '%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0%26TemplateCode%3DSMS_71390007' +
        '%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25',
    );
    expect(aliyunSignature('GET', smsDocParams, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    expect(aliyunPercentEncode('zJDF+Lrzhj/ThnlvIToysFRq6t4=')).toBe('zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D');
  });

  it('matches the RPC signature example (DescribeRegions, testid / testsecret)', () => {
    // "Signature mechanism" pages of the RPC APIs (developer.aliyun.com/ask/210168 gives the steps).
    const params = {
      TimeStamp: '2016-02-23T12:46:24Z',
      Format: 'XML',
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      Version: '2014-05-26',
      SignatureVersion: '1.0',
    };
    expect(aliyunSignature('GET', params, 'testsecret')).toBe('CT9X0VtwR86fNWSnsc6v8YGOjuE=');
  });

  it('encodes as RFC 3986 wants: space %20, * %2A, ~ kept', () => {
    expect(aliyunPercentEncode("a b*~!'()")).toBe('a%20b%2A~%21%27%28%29');
    expect(aliyunCanonicalizedQuery({ b: '2', a: '1', Signature: 'x' })).toBe('a=1&b=2');
  });
});

const settings: AliyunSmsSettings = {
  provider: 'aliyun',
  recipients: ['+8613800000000'],
  accessKeyId: 'LTAIlab',
  accessKeySecret: 'lab-secret',
  signName: '运维',
  templateCode: 'SMS_1',
};
const now = new Date('2024-05-01T10:20:30.456Z');
const message = { to: '+8613800000000', text: 'PROBLEM web1 HTTP CRITICAL' };

function received(url: string): ReceivedSmsRequest {
  const parsed = new URL(url);
  return { method: 'GET', url: parsed.pathname + parsed.search, headers: {}, body: '' };
}

describe('aliyun buildRequest', () => {
  it('sends a signed GET of SendSms 2017-05-25 in JSON', () => {
    const request = buildRequest(settings, message, now, 'nonce-1');
    expect(request.method).toBe('GET');
    const url = new URL(request.url);
    expect(url.origin + url.pathname).toBe('https://dysmsapi.aliyuncs.com/');
    const q = Object.fromEntries(url.searchParams);
    expect(q).toMatchObject({
      Action: 'SendSms',
      Version: '2017-05-25',
      Format: 'JSON',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: 'nonce-1',
      Timestamp: '2024-05-01T10:20:30Z',
      PhoneNumbers: '8613800000000',
      TemplateParam: '{"content":"PROBLEM web1 HTTP CRITICAL"}',
      RegionId: 'cn-hangzhou',
    });
    expect(request.url).not.toContain('+');
    expect(request.url).not.toContain('lab-secret');
  });

  it('signs what a step-by-step HMAC-SHA1 over the sorted query gives', () => {
    const url = new URL(buildRequest(settings, message, now, 'n').url);
    const params = Object.fromEntries([...url.searchParams].filter(([k]) => k !== 'Signature'));
    const sorted = Object.keys(params)
      .sort()
      .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(params[k])}`)
      .join('&');
    const independent = createHmac('sha1', 'lab-secret&')
      .update(`GET&%2F&${encodeURIComponent(sorted)}`)
      .digest('base64');
    expect(url.searchParams.get('Signature')).toBe(independent);
  });

  it('goes to the endpoint when one is set, path kept', () => {
    expect(buildRequest({ ...settings, endpoint: 'http://198.18.0.1:8701' }, message, now, 'n').url).toMatch(/^http:\/\/198\.18\.0\.1:8701\/\?Signature=/);
  });
});

describe('aliyun verifyRequest (the sink)', () => {
  const credentials = { accessKeyId: 'LTAIlab', accessKeySecret: 'lab-secret' };
  it('accepts what buildRequest sends', () => {
    expect(verifyRequest(received(buildRequest(settings, message, now, 'n').url), credentials, now)).toEqual({ ok: true });
  });
  it('refuses another secret, a changed parameter, an old timestamp, another key id, a missing field', () => {
    const url = buildRequest(settings, message, now, 'n').url;
    expect(verifyRequest(received(url), { ...credentials, accessKeySecret: 'other' })).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
    expect(verifyRequest(received(url.replace('8613800000000', '8613800000001')), credentials)).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
    expect(verifyRequest(received(url), credentials, new Date(now.getTime() + 16 * 60_000))).toMatchObject({ ok: false, code: 'InvalidTimeStamp.Expired' });
    expect(verifyRequest(received(url), { ...credentials, accessKeyId: 'other' })).toMatchObject({ ok: false, code: 'InvalidAccessKeyId.NotFound' });
    expect(verifyRequest(received(url.replace(/&SignName=[^&]*/, '')), credentials)).toMatchObject({ ok: false, code: 'MissingSignName' });
    expect(verifyRequest({ ...received(url), url: '/x' + new URL(url).search }, credentials)).toMatchObject({ ok: false, code: 'InvalidAction.NotFound' });
  });
});

describe('aliyun parseResponse', () => {
  it('takes Code OK as success', () => {
    expect(parseResponse(200, '{"Message":"OK","RequestId":"F655A8D5-B967-440B-8683-DAD6FF8DE990","Code":"OK","BizId":"900619746936498440^0"}')).toEqual({
      ok: true,
    });
  });
  it('fails on an error body even with HTTP 200; throttling is retryable', () => {
    expect(
      parseResponse(200, '{"Message":"触发天级流控Permits:10","RequestId":"C0A0BE93-B44F-4350-BCC8-B677F78C3802","Code":"isv.BUSINESS_LIMIT_CONTROL"}'),
    ).toEqual({
      ok: false,
      error: 'isv.BUSINESS_LIMIT_CONTROL: 触发天级流控Permits:10',
      retryable: true,
    });
    expect(parseResponse(200, '{"Message":"账户余额不足","Code":"isv.AMOUNT_NOT_ENOUGH"}')).toMatchObject({ ok: false, retryable: false });
  });
  it('fails on a bad signature, not retryable; on a 5xx without JSON, retryable', () => {
    expect(
      parseResponse(
        400,
        '{"RequestId":"x","HostId":"dysmsapi.aliyuncs.com","Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation."}',
      ),
    ).toEqual({ ok: false, error: 'SignatureDoesNotMatch: Specified signature is not matched with our calculation.', retryable: false });
    expect(parseResponse(502, '<html>Bad Gateway</html>')).toEqual({ ok: false, error: 'HTTP 502: <html>Bad Gateway</html>', retryable: true });
  });
});
