module.exports = {
  displayName: 'sms',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
