// Tests against a running lab (`npm run lab:up` first): real SSH logins, systemd, apt and kernel modules.
module.exports = {
  displayName: 'lab-machines (lab)',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.lab.test.ts'],
  testTimeout: 180_000,
};
