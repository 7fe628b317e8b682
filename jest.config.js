/**
 * NestJS 12 is published as ES modules only, and Jest on Node 20 cannot load ES modules from
 * CommonJS tests. So the @nestjs packages (and other ES-module-only dependencies) are compiled to
 * CommonJS by SWC on the way in; the project's own TypeScript goes through ts-jest.
 */
const ESM_ONLY = [
  '@nestjs',
  'cookie',
  'set-cookie-parser',
  'toad-cache',
  'content-disposition',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  '@borewit',
  'uint8array-extras',
  'load-esm',
  'uid',
  'jose',
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '\\.spec\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    '^.+\\.m?js$': [
      '@swc/jest',
      {
        jsc: { target: 'es2022' },
        module: { type: 'commonjs', ignoreDynamic: false },
        swcrc: false,
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  testTimeout: 30000,
  maxWorkers: 2,
};
