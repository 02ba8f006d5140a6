// Run after `npm run lab:down`: checks the lab left nothing behind on the machine.
module.exports = {
  displayName: 'lab-tool (clean)',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.clean.test.ts'],
};
