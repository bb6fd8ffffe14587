import type { DrillDocument } from '../../src/drill/document.js';
import { buildDrillDocument } from '../../src/drill/summarize.js';
import { attempt, refused, result, target } from './drill-builders.js';

/**
 * A small drill document for the renderer and command tests: target "litellm" passes the control and fails over
 * on http-500 (streamed), surfaces the 500 (not streamed, safe), and truncates stream-cut silently (fail); target
 * "portkey" passes all three streamed rows it ran. Built through buildDrillDocument, which its own tests check.
 */
export function drillFixture(over: Partial<DrillDocument> = {}): DrillDocument {
  const cut = attempt('primary', { action: 'cut', completionTokens: 3, completed: false });
  const doc = buildDrillDocument({
    results: [
      result('none', { ms: 120 }, [attempt('primary')], { target: 'litellm' }),
      result('http-500', { ms: 340 }, [refused(500), attempt('secondary')], { target: 'litellm' }),
      result('http-500', { status: 500, complete: false, ms: 25, errorText: '{"error":{"message":"The server had an error (drill)."}}' }, [refused(500)], { target: 'litellm', stream: false }),
      result('stream-cut', { status: 200, complete: false, ms: 1500 }, [cut], { target: 'litellm' }),
      result('none', { ms: 90 }, [attempt('primary')], { target: 'portkey' }),
      result('http-500', { ms: 200 }, [refused(500), attempt('secondary')], { target: 'portkey' }),
      result('stream-cut', { ms: 400 }, [cut, attempt('secondary')], { target: 'portkey' }),
    ],
    targets: [target('litellm', 'litellm'), target('portkey', 'portkey')],
    config: { scenarios: ['none', 'http-500', 'stream-cut'], requests: 1, stream: 'both', timeoutsMs: { request: 3000 }, faults: { slowTtftMs: 8000, retryAfterS: 1, cutAfterChunks: 3, answerTokens: 24 }, pauseMs: 0 },
    demo: false,
    interrupted: false,
    unattributed: 0,
    generatedAt: '2026-12-06T21:00:00.000Z',
    version: '0.1.0',
  });
  return { ...doc, ...over };
}
