import { esc } from './escape.js';
import { STYLE } from './style.js';

/** The frame of every report page: head, inline style, header with its navigation, sections, footer (pure). */
export interface Shell {
  title: string;
  /** Lines of the header under the title, already HTML ('' for none). */
  header: readonly string[];
  /** [heading id, label] per section, in page order. */
  nav: readonly (readonly [string, string])[];
  /** The sections, already HTML ('' for one that is absent). */
  sections: readonly string[];
  sources: readonly string[];
}

export function pageShell(p: Shell): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${esc(p.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>${esc(p.title)}</h1>
${p.header.join('\n')}
<nav aria-label="Sections"><ul>${p.nav.map(([id, label]) => `<li><a href="#${id}">${label}</a></li>`).join('')}</ul></nav>
</header>
${p.sections.filter((s) => s !== '').join('\n')}
<footer>Sources: ${p.sources.map((s) => esc(s)).join(', ')}.</footer>
</main>
</body>
</html>
`;
}
