import { execFileSync } from 'node:child_process';
import { renderCheckScript } from './render-check-script';

describe('renderCheckScript', () => {
  it('is a bash script that runs the command as given', () => {
    const script = renderCheckScript(`printf '%s' "it's $((1 + 1))"`);
    expect(script.startsWith('#!/bin/bash\n')).toBe(true);
    expect(execFileSync('bash', ['-c', script]).toString()).toBe("it's 2");
  });
});
