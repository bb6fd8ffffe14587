import { describe, expect, it } from 'vitest';
import { sourceUrlProblem } from '../../../src/catalog/provenance.js';

describe('a source URL must point at the page that states the facts', () => {
  it('a front page is refused, but a front page with a query names a page', () => {
    expect(sourceUrlProblem('https://example.com/')).toBe("https://example.com/ is a site's front page; point at the page that states the facts");
    expect(sourceUrlProblem('https://example.com/?page=pricing')).toBeUndefined();
  });

  it('a repository root or a folder is refused on github.com and www.github.com alike; a file is fine', () => {
    expect(sourceUrlProblem('https://www.github.com/BerriAI/litellm')).toBe(
      'https://www.github.com/BerriAI/litellm is a repository\'s root (or an account); point at the file that states the facts, e.g. …/blob/<commit>/<path>',
    );
    expect(sourceUrlProblem('https://github.com/BerriAI/litellm/tree/main/docs')).toMatch(/ is a folder; /);
    expect(sourceUrlProblem('https://github.com/BerriAI/litellm/blob/main/README.md')).toBeUndefined();
  });

  it('a malformed URL is left to the schema', () => {
    expect(sourceUrlProblem('not a url')).toBeUndefined();
  });
});
