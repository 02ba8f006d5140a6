// Previews through the real engine and the project's providers; no host is contacted.
module.exports = {
  displayName: 'lab (engine)',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.it.test.ts'],
  testTimeout: 300000,
};
