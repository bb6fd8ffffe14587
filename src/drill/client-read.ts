import { createParser } from 'eventsource-parser';

/**
 * How the drill's client reads an answer (pure: text in, findings out). A streamed answer is parsed with
 * eventsource-parser; a whole one as JSON. What counts as an in-band error (errorEvent):
 * - an SSE event whose JSON carries an `error` object, or an SSE `event: error`;
 * - a 2xx JSON body carrying an `error` object;
 * - an SSE data payload or a 2xx body that is not JSON: an OpenAI SDK raises on it, so the client does learn that
 *   something broke (a gateway that relays the primary's malformed chunk surfaces the fault; one that drops it and
 *   ends cleanly truncates silently).
 */

export const ERROR_TEXT_MAX = 300;

export interface AnswerFindings {
  /** The assembled answer text (every delta.content, or the message content). */
  text: string;
  /** A finish_reason was seen. */
  finished: boolean;
  sawDone: boolean;
  errorEvent: boolean;
  errorText: string | null;
}

function clip(s: string): string {
  return s.length > ERROR_TEXT_MAX ? s.slice(0, ERROR_TEXT_MAX) : s;
}

function errorOf(obj: unknown): unknown {
  return obj && typeof obj === 'object' ? (obj as { error?: unknown }).error : undefined;
}

function firstChoice(obj: unknown): Record<string, unknown> | undefined {
  const choices = obj && typeof obj === 'object' ? (obj as { choices?: unknown }).choices : undefined;
  const c = Array.isArray(choices) ? choices[0] : undefined;
  return c && typeof c === 'object' ? (c as Record<string, unknown>) : undefined;
}

function contentOf(part: unknown): string {
  const c = part && typeof part === 'object' ? (part as { content?: unknown }).content : undefined;
  return typeof c === 'string' ? c : '';
}

/** Reads an SSE answer fed piece by piece. */
export class StreamReader {
  readonly found: AnswerFindings = { text: '', finished: false, sawDone: false, errorEvent: false, errorText: null };
  private readonly parser = createParser({ onEvent: (e) => this.onEvent(e.event, e.data) });

  feed(text: string): void {
    this.parser.feed(text);
  }

  private flagError(text: string): void {
    this.found.errorEvent = true;
    this.found.errorText ??= clip(text);
  }

  private onEvent(event: string | undefined, data: string): void {
    if (data.trim() === '[DONE]') return void (this.found.sawDone = true);
    let obj: unknown;
    try {
      obj = JSON.parse(data);
    } catch {
      return this.flagError(`malformed SSE data: ${data}`);
    }
    if (event === 'error' || (errorOf(obj) !== undefined && errorOf(obj) !== null)) return this.flagError(data);
    const choice = firstChoice(obj);
    if (!choice) return;
    this.found.text += contentOf(choice.delta);
    if (choice.finish_reason !== null && choice.finish_reason !== undefined) this.found.finished = true;
  }
}

/** Reads a whole (non-streamed) answer body. */
export function readWholeAnswer(body: string): AnswerFindings {
  const found: AnswerFindings = { text: '', finished: false, sawDone: false, errorEvent: false, errorText: null };
  let obj: unknown;
  try {
    obj = JSON.parse(body);
  } catch {
    return { ...found, errorEvent: true, errorText: clip(`body is not JSON: ${body}`) };
  }
  const err = errorOf(obj);
  if (err !== undefined && err !== null) return { ...found, errorEvent: true, errorText: clip(body) };
  const choice = firstChoice(obj);
  if (!choice) return found;
  found.text = contentOf(choice.message);
  found.finished = choice.finish_reason !== null && choice.finish_reason !== undefined;
  return found;
}
