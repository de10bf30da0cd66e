// velo/layer-imports: a package imports other packages only by name and public entry, and only
// from lower layers (docs/architecture.md). Type-only imports count too: they couple the same way.
import { isAbsolute, relative, resolve, dirname, sep } from 'node:path';
import { DEFAULT_LAYERS, DEFAULT_SAME_LAYER_ALLOWED, DEFAULT_UNLAYERED } from './layer-table.js';
import { owningPackage } from './owning-package.js';

const SCOPE = '@velots/';

/**
 * An ESTree node, reached through eslint's own types (`@types/estree` is not a dependency of ours).
 * @typedef {NonNullable<ReturnType<import('eslint').SourceCode['getNodeByRangeIndex']>>} EstreeNode
 */

/**
 * @typedef {{
 *   layers?: Record<string, number>,
 *   sameLayerAllowed?: Record<string, string[]>,
 *   unlayered?: string[],
 * }} LayerImportsOptions
 */

/** @type {import('eslint').Rule.RuleModule} */
export const layerImports = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Import @velots packages only from lower layers and only through their public entry',
    },
    schema: [
      {
        type: 'object',
        properties: {
          layers: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } },
          sameLayerAllowed: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
          unlayered: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      upward:
        "'{{importer}}' (layer {{importerLayer}}) must not import '{{target}}' (layer {{targetLayer}}): packages import only from lower layers",
      sameLayer:
        "'{{importer}}' must not import '{{target}}': both are in layer {{importerLayer}}, and packages import only from lower layers",
      selfImport: "'{{importer}}' must not import itself by name from its src/; use a relative import",
      unknownPackage: "'{{target}}' is not in the layer table of velo/layer-imports; add it there with its layer",
      deepImport: "Import '{{target}}' by its public entry, not by the deep path '{{source}}'",
      leavesPackage: "Relative import '{{source}}' leaves '{{importer}}'; import the other package by its name",
    },
  },

  create(context) {
    /** @type {LayerImportsOptions} */
    const options = context.options[0] ?? {};
    const layers = options.layers ?? DEFAULT_LAYERS;
    const sameLayerAllowed = options.sameLayerAllowed ?? DEFAULT_SAME_LAYER_ALLOWED;
    const unlayered = new Set(options.unlayered ?? DEFAULT_UNLAYERED);
    const file = context.physicalFilename ?? context.filename;
    const importer = isAbsolute(file) ? owningPackage(file) : undefined;
    const isSourceFile = importer !== undefined && relative(importer.root, file).startsWith(`src${sep}`);

    /**
     * @param {EstreeNode} node the string literal naming the module
     * @param {string} source
     */
    function check(node, source) {
      if (source.startsWith(SCOPE)) {
        checkPackageImport(node, source);
      } else if (source.startsWith('.') && importer) {
        const target = resolve(dirname(file), source);
        const inside = relative(importer.root, target);
        if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
          context.report({ node, messageId: 'leavesPackage', data: { source, importer: importer.name } });
        }
      }
    }

    /**
     * @param {EstreeNode} node
     * @param {string} source
     */
    function checkPackageImport(node, source) {
      const [shortName = '', ...rest] = source.slice(SCOPE.length).split('/');
      const target = SCOPE + shortName;
      if (rest.length > 0) {
        context.report({ node, messageId: 'deepImport', data: { source, target } });
      }
      if (!importer) return;
      if (importer.shortName === shortName) {
        // Tests and scripts exercise their package through its public entry; sources must not cycle through it.
        if (isSourceFile) context.report({ node, messageId: 'selfImport', data: { importer: importer.name } });
        return;
      }
      if (unlayered.has(importer.shortName)) return;
      const targetLayer = layers[shortName];
      if (targetLayer === undefined) {
        context.report({ node, messageId: 'unknownPackage', data: { target } });
        return;
      }
      const importerLayer = layers[importer.shortName];
      if (importerLayer === undefined) return; // an unknown importer is reported where others import it
      const data = {
        importer: importer.name,
        target,
        importerLayer: String(importerLayer),
        targetLayer: String(targetLayer),
      };
      if (targetLayer > importerLayer) {
        context.report({ node, messageId: 'upward', data });
      } else if (targetLayer === importerLayer && !sameLayerAllowed[importer.shortName]?.includes(shortName)) {
        context.report({ node, messageId: 'sameLayer', data });
      }
    }

    /** @param {{ source?: EstreeNode | null }} node */
    function checkSource(node) {
      const source = node.source;
      if (source && source.type === 'Literal' && typeof source.value === 'string') check(source, source.value);
    }

    return {
      ImportDeclaration: checkSource,
      ExportNamedDeclaration: checkSource,
      ExportAllDeclaration: checkSource,
      ImportExpression: checkSource,
      CallExpression(node) {
        const [argument] = node.arguments;
        if (
          node.callee.type === 'Identifier' &&
          node.callee.name === 'require' &&
          argument?.type === 'Literal' &&
          typeof argument.value === 'string'
        ) {
          check(argument, argument.value);
        }
      },
    };
  },
};
