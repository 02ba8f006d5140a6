// Run after `npm run lab:down`: checks the lab left nothing behind on the machine.
module.exports = {
  displayName: 'lab-machines (clean)',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.clean.test.ts'],
};
