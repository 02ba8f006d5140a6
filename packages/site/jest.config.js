module.exports = {
  displayName: 'site',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
