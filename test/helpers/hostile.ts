import type { ReportModel } from '../../src/report/report-model.js';
import { errors, makeOverhead, makeSummary, makeTarget } from './bench-builders.js';

/** Text a hostile gateway (or a hostile summary.json) could hand us, for the inert-text tests. */
export const ESC = '\u001b';
export const BEL = '\u0007';
/** An error body with every trick at once: clear screen, a window title, an OSC 8 hyperlink, a bell, C1, HTML, markdown, a pipe, a newline. */
export const HOSTILE_BODY =
  `boom ${ESC}[2J ${ESC}]0;pwned${BEL} ${ESC}]8;;https://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\ ding${BEL} c1\u009b31m\u0085 ` +
  `<img src=x onerror=alert(1)> <script>alert(2)</script> [link](https://evil.example) ![img](https://evil.example/x.png) a|b x" onmouseover="alert(4) y' z\nsecond line`;
export const HOSTILE_MODEL = `gpt${ESC}[31m<img src=x onerror=alert(3)>`;
export const HOSTILE_HEADER = `x-lat${ESC}]0;t${BEL}|<b>bold</b>`;
/** Raw control characters other than tab and line feed. */
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** A summary whose every gateway-derived field is hostile: a failed target, a warning, a verdict, a model, a self-reported header. */
export function hostileModel(): ReportModel {
  const direct = makeTarget('direct', { baseline: true });
  const gw = makeTarget('gw', { model: HOSTILE_MODEL, selfReported: { field: HOSTILE_HEADER, p50Ms: 5, n: 100 } });
  const dead = makeTarget('dead', { model: HOSTILE_MODEL, requests: { sent: 10, ok: 0, failed: 10 }, errors: errors({ server_error: 10 }) });
  const bench = makeSummary([direct, gw, dead], [makeOverhead('gw', 'ttft', 12, [5, 20], { verdict: `adds 12 ms; ${HOSTILE_BODY}` })], {
    status: { ended: 'completed', ok: false, failedTargets: [{ target: 'dead', sent: 10, topError: { class: 'server_error', count: 10, example: HOSTILE_BODY }, reason: `server_error 10: ${HOSTILE_BODY}` }] },
    warnings: [`dead: every request failed: ${HOSTILE_BODY}`],
  });
  return { bench, sources: ['results/summary.json'], generatedAt: '2026-12-06T20:00:00.000Z', version: '0.0.0-test' };
}
