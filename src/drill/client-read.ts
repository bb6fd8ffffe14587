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
  return s.slice(0, ERROR_TEXT_MAX);
}

/** A field of a parsed JSON value, whatever its shape (`null?.x` and `5?.x` are undefined). */
function field(obj: unknown, key: string): unknown {
  return (obj as Record<string, unknown> | null | undefined)?.[key];
}

/** An `error` that is there and not null (some gateways send `"error": null` on every chunk). */
function hasError(obj: unknown): boolean {
  return field(obj, 'error') != null;
}

function firstChoice(obj: unknown): unknown {
  const choices = field(obj, 'choices');
  return Array.isArray(choices) ? choices[0] : undefined;
}

function contentOf(part: unknown): string {
  const c = field(part, 'content');
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
    if (event === 'error' || hasError(obj)) return this.flagError(data);
    const choice = firstChoice(obj);
    this.found.text += contentOf(field(choice, 'delta'));
    if (field(choice, 'finish_reason') != null) this.found.finished = true;
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
  if (hasError(obj)) return { ...found, errorEvent: true, errorText: clip(body) };
  const choice = firstChoice(obj);
  return { ...found, text: contentOf(field(choice, 'message')), finished: field(choice, 'finish_reason') != null };
}
