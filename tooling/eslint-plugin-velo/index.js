// The Velo TS ESLint plugin: rules that keep the monorepo's architecture honest.
import { layerImports } from './rules/layer-imports.js';

/** @type {import('eslint').ESLint.Plugin} */
const plugin = {
  meta: { name: '@velots/eslint-plugin', version: '0.0.0' },
  rules: {
    'layer-imports': layerImports,
  },
};

export default plugin;
