module.exports = {
  displayName: 'provider-command:integration',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.it.test.ts'],
  testTimeout: 180_000,
  // The stacks share one sshd and one Pulumi home; running them one at a time keeps the timing honest.
  maxWorkers: 1,
};
