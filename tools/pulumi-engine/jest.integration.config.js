// Runs the real Pulumi CLI built by build.sh; tools/scripts/test.sh runs it after the engine is in place.
module.exports = {
  displayName: 'pulumi-engine',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.it.test.ts'],
  testTimeout: 300000,
};
