/** `drill init`'s flags and default ports, apart so that the command's definition and its action share them without a cycle. */

export interface DrillInitFlags {
  gateway: string;
  primaryPort?: string;
  secondaryPort?: string;
  json?: boolean;
}

/** The ports `drill init` puts in the snippet when none are given (and the drill.yaml it prints). */
export const INIT_PORTS = { primary: 18001, secondary: 18002 } as const;
