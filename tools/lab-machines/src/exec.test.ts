import { run } from './exec';

describe('run', () => {
  it("resolves with the command's exit when it exits without reading the input written to it", async () => {
    const result = await run('sh', ['-c', 'exit 3'], { input: 'x'.repeat(4 * 1024 * 1024), allowFailure: true });
    expect(result.code).toBe(3);
  });
});
