import { confirm } from '@inquirer/prompts';

/** Ask a yes/no question on the prompt streams (stderr), default no. Ctrl-C surfaces as inquirer's ExitPromptError. */
export async function confirmOnTerminal(
  message: string,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; signal?: AbortSignal },
): Promise<boolean> {
  return confirm({ message, default: false }, { input: io.input, output: io.output, ...(io.signal ? { signal: io.signal } : {}) });
}
