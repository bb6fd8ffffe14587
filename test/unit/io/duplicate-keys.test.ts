import { describe, expect, it } from 'vitest';
import { findDuplicateKey } from '../../../src/io/duplicate-keys.js';
import { parseStructured } from '../../../src/io/files.js';
import { InputError } from '../../../src/errors.js';

describe('duplicate keys', () => {
  it('finds a key repeated in one object, with its JSON path and line', () => {
    const text = '{\n  "hosting": "managed",\n  "cost": { "models": [ { "id": "a", "share": 1, "id": "b" } ] },\n  "x": 1\n}';
    expect(findDuplicateKey(text)).toEqual({ key: 'id', path: 'cost.models[0].id', line: 3 });
  });

  it('allows the same key in different objects, and keys inside strings', () => {
    expect(findDuplicateKey('[{"id": 1}, {"id": 2}, {"note": "\\"id\\": 3, \\"id\\": 4"}]')).toBeUndefined();
  });

  it('rejects JSON and YAML files alike, naming the key', async () => {
    const json = await parseStructured('{"hosting": "managed", "hosting": "self-hosted"}', 'a.json', 'answers file').catch((e: unknown) => e);
    const yaml = await parseStructured('hosting: managed\nhosting: self-hosted\n', 'a.yaml', 'answers file').catch((e: unknown) => e);
    for (const e of [json, yaml]) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).message).toMatch(/^The answers file a\.(json|yaml) has the key "hosting" twice \(line [12]\)\.$/);
    }
    expect((json as InputError).issues).toEqual([{ path: 'hosting', message: 'duplicate key "hosting"' }]);
  });
});
