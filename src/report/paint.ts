import { Chalk, type ChalkInstance } from 'chalk';

const on = new Chalk({ level: 1 });
const off = new Chalk({ level: 0 });

/** Renderers take `color` explicitly so that output never depends on global state. */
export const paint = (color: boolean): ChalkInstance => (color ? on : off);
