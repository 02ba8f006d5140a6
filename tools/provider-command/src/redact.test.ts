import { REDACTED, redactor } from './redact';

const redact = (text: string, sensitive: string[]) => redactor(sensitive)(text);

describe('redactor', () => {
  it('masks every occurrence of a sensitive value', () => {
    expect(redact('pw=hunter22 again hunter22', ['hunter22'])).toBe(`pw=${REDACTED} again ${REDACTED}`);
  });

  it('leaves values too short to matter alone', () => {
    expect(redact('exit 1 after 1 try', ['1'])).toBe('exit 1 after 1 try');
  });

  it('masks the lines of a multi-line value one by one', () => {
    const key = '-----BEGIN KEY-----\nAAAABBBBCCCC\n-----END KEY-----';
    expect(redact('bad line: AAAABBBBCCCC', [key])).toBe(`bad line: ${REDACTED}`);
  });

  it('masks the longer of two overlapping values whole', () => {
    expect(redact('token abcd1234', ['abcd', 'abcd1234'])).toBe(`token ${REDACTED}`);
  });
});
