module.exports = {
  displayName: 'director',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
