import { describe, expect, it } from 'vitest';
import { modelIdFromName } from '../../../src/bench/model-name.js';

/** Gateways' model names read back through the catalog's naming patterns, to price them from the model table. */
describe('modelIdFromName', () => {
  it.each<[string, string, string | undefined]>([
    ['tensorzero::model_name::{provider}::{model}', 'tensorzero::model_name::openai::gpt-4o-mini', 'openai/gpt-4o-mini'],
    ['{author}/{slug}[:{variant}]', 'openai/gpt-4o', 'openai/gpt-4o'],
    ['{creator}/{model}', 'anthropic/claude-sonnet-4.6', 'anthropic/claude-sonnet-4.6'],
    ['{provider}/{model}', 'openai/gpt-4o-mini', 'openai/gpt-4o-mini'],
    // explanatory words after the pattern are not part of it
    ['{model} (with x-portkey-provider) or @{provider_slug}/{model} (Model Catalog)', 'gpt-4o-mini', 'gpt-4o-mini'],
    ['{model_name}', 'my-alias', 'my-alias'],
    // optional parts are left out; a name that does not fit gives nothing
    ['{model}[/{provider}[/{deployment_id}]],', 'gpt-4o-mini', 'gpt-4o-mini'],
    ['tensorzero::model_name::{provider}::{model}', 'gpt-4o-mini', undefined],
    ['{provider}/{model}', 'gpt-4o-mini', undefined],
    // a pattern with another placeholder matches one segment there
    ['{account}/{model}', 'acme/gpt-4o', 'gpt-4o'],
    ['v1.{model}', 'v1x4o', undefined],
  ])('%s reads %s as %s', (pattern, name, id) => {
    expect(modelIdFromName(pattern, name)).toBe(id);
  });
});
