import { execFileSync } from 'node:child_process';
import { bashScript, shellQuote } from './script';

describe('shellQuote', () => {
  it.each(["it's", '$HOME', '`id`', 'a b', '"x"', 'back\\slash', ''])('keeps %j literal in bash', (value) => {
    expect(execFileSync('bash', ['-c', `printf %s ${shellQuote(value)}`]).toString()).toBe(value);
  });
});

describe('bashScript', () => {
  it('stops at the first failing line', () => {
    const command = bashScript(['echo first', 'false', 'echo never']);
    expect(() => execFileSync('sh', ['-c', command], { stdio: 'pipe' })).toThrow();
    try {
      execFileSync('sh', ['-c', command], { stdio: 'pipe' });
    } catch (error) {
      expect(String((error as { stdout: Buffer }).stdout)).toBe('first\n');
    }
  });

  it('fails a pipeline whose first command fails', () => {
    expect(() => execFileSync('sh', ['-c', bashScript(['false | cat'])], { stdio: 'pipe' })).toThrow();
  });
});
