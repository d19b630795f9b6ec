// Jest (on Node < 24.9) cannot require() an ES module, which CommonJS
// dependencies do (light-my-request needs cookie, @fastify/static needs
// content-disposition).
// This transformer compiles such a package to CommonJS only when it is
// require()d; when the app import()s the same file it is left as it is, so the
// app keeps the one native ES module instance.
const { createHash } = require('node:crypto');
const ts = require('typescript');

/** Bump when the output changes, so Jest's cache drops what it compiled before. */
const VERSION = 2;

// What `import.meta` stands for in a CommonJS module.
const IMPORT_META =
  '({ url: require("node:url").pathToFileURL(__filename).href, filename: __filename, dirname: __dirname })';

module.exports = {
  process(sourceText, sourcePath, options) {
    if (options.supportsStaticESM) return { code: sourceText };
    const { outputText, sourceMapText } = ts.transpileModule(sourceText.replace(/\bimport\.meta\b/g, IMPORT_META), {
      fileName: sourcePath,
      compilerOptions: {
        allowJs: true,
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        sourceMap: true,
      },
    });
    return { code: outputText, map: sourceMapText };
  },
  getCacheKey(sourceText, sourcePath, options) {
    return createHash('sha256')
      .update(`${VERSION}\0${ts.version}\0${options.supportsStaticESM}\0${sourcePath}\0${sourceText}`)
      .digest('hex');
  },
};
