// ts-jest's astTransformers want { name, version, factory }; this wraps the
// @nestjs/swagger CLI plugin so Jest compiles DTOs as `nest build` does.
const plugin = require('@nestjs/swagger/plugin');

module.exports = {
  name: 'nestjs-swagger-transformer',
  version: 1,
  factory: (tsCompiler, options) => plugin.before(options, tsCompiler.program),
};
