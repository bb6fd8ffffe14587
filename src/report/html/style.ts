/** The report's one stylesheet: inline, system fonts only, light and dark, and print. */
export const STYLE = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --panel: #f6f8fa;
  --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --accent: #0969da; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #30363d; --panel: #161b22;
    --ok: #3fb950; --bad: #f85149; --warn: #d29922; --accent: #4493f8; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 20px 64px; }
header { border-bottom: 1px solid var(--line); margin-bottom: 8px; padding-bottom: 12px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.25rem; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 24px 0 6px; }
p, li { max-width: 80ch; }
.meta { color: var(--muted); margin: 0; }
nav ul { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; padding: 0; margin: 8px 0 0; }
a { color: var(--accent); }
.badge { display: inline-block; padding: 2px 10px; border-radius: 999px; font-weight: 600; border: 1px solid currentColor; }
.sub { color: var(--muted); font-size: 0.78rem; font-weight: normal; white-space: nowrap; }
.pass { color: var(--ok); } .fail { color: var(--bad); } .warn { color: var(--warn); } .muted { color: var(--muted); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 4px; font-variant-numeric: tabular-nums; font-size: 0.86rem; }
caption { text-align: left; color: var(--muted); padding: 4px 0; caption-side: top; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 7px; text-align: left; vertical-align: top; }
thead th { background: var(--panel); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; }
figure.chart { margin: 16px 0 24px; padding: 12px 12px 4px; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; }
figure.chart figcaption { margin-bottom: 6px; }
figure.chart figcaption .note { display: block; color: var(--muted); font-size: 0.85rem; }
figure.chart figure { margin: 0; }
.panels { display: flex; flex-wrap: wrap; gap: 8px; }
.panels > svg { flex: 1 1 440px; min-width: 0; }
.gs-plot { --plot-background: var(--panel); max-width: 100%; height: auto; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 12px; overflow-x: auto; font-size: 0.82rem; }
ul.reasons { padding-left: 1.2em; }
.drill-headline .badge { margin-right: 2px; }
.nowrap { white-space: nowrap; }
code.drill-error { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.78rem; color: var(--muted); }
.drill-legend dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0 12px; }
.drill-legend dt { font-weight: 600; } .drill-legend dd { margin: 0; }
.drill-legend summary { cursor: pointer; color: var(--muted); margin: 16px 0 4px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer { margin-top: 48px; color: var(--muted); font-size: 0.85rem; }
@media print {
  :root { --bg: #fff; --fg: #000; --muted: #444; --line: #bbb; --panel: #fff; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  figure.chart, table, pre { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;
