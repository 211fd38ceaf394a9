/**
 * The parts of the `yaml` package that nabolag uses, imported from here rather than from the
 * package. Under Node the package loads as some 70 CommonJS files, about 24 ms of every command's
 * start (a tenth of a small run); `npm run build` therefore replaces this module's compiled file
 * (dist/src/yaml.js) by one ES module bundled from the package's own ES build (the same code, same
 * version: src/tools/build-yaml.ts), which loads in about 8 ms. Tests and `tsx` run this file as
 * it is, on the package.
 */
export { type CST, LineCounter, Parser, type YAMLError, isMap, isScalar, isSeq, parse, parseDocument, stringify } from 'yaml';
