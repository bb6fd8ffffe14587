// StrykerJS plugins for `npm run test:mutation` (docs/testing.md).
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';

/**
 * The text of a zod `.describe('…')` only documents a field in the published JSON Schemas (whose sync a test
 * checks): mutating it changes no decision and no figure, and as a module-level (static) mutant it would rerun the
 * whole suite each time.
 */
const describeText = declareValuePlugin(PluginKind.Ignore, 'schema-descriptions', {
  shouldIgnore(path) {
    const call = path.parentPath;
    if (!call?.isCallExpression() || !call.node.arguments.includes(path.node)) return undefined;
    const callee = call.node.callee;
    const isDescribe = callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && callee.property.name === 'describe';
    return isDescribe ? 'a schema description: documentation, not behaviour' : undefined;
  },
});

export const strykerPlugins = [describeText];
