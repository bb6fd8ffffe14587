#!/usr/bin/env node
// Thin shim: the compiled CLI owns argument parsing, errors and exit codes.
import { main } from '../dist/cli.js';

main(process.argv);
