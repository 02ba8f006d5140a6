module.exports = {
  displayName: 'site:integration',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.it.test.ts'],
  testTimeout: 600_000,
};
