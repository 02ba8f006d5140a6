import { OutputCapture } from './output-capture';

describe('OutputCapture', () => {
  it('trims exactly one trailing newline', () => {
    const capture = new OutputCapture();
    capture.write(Buffer.from('a\n\n'));
    expect(capture.text()).toBe('a\n');
  });

  it('reports complete lines as they arrive and the last partial line at the end', () => {
    const lines: string[] = [];
    const capture = new OutputCapture((line) => lines.push(line));
    capture.write(Buffer.from('one\ntw'));
    expect(lines).toEqual(['one']);
    capture.write(Buffer.from('o\nthree'));
    expect(lines).toEqual(['one', 'two']);
    expect(capture.text()).toBe('one\ntwo\nthree');
    expect(lines).toEqual(['one', 'two', 'three']);
  });

  it('does not split a multi-byte character that arrives in two chunks', () => {
    const lines: string[] = [];
    const capture = new OutputCapture((line) => lines.push(line));
    const bytes = Buffer.from('é\n');
    capture.write(bytes.subarray(0, 1));
    capture.write(bytes.subarray(1));
    expect(lines).toEqual(['é']);
    expect(capture.text()).toBe('é');
  });

  it('reports an endless line in pieces', () => {
    const lines: string[] = [];
    const capture = new OutputCapture((line) => lines.push(line));
    capture.write(Buffer.from('x'.repeat(40 * 1024)));
    expect(lines.length).toBe(2);
    capture.text();
    expect(lines.join('')).toHaveLength(40 * 1024);
  });
});
