// Runs the conformance script in the current host (Node, Deno or Bun): node|deno run --allow-read|bun run-local.mjs <host>
import * as pg from '../../js/index.js';
import { conformance, report } from './conformance.mjs';
const host = (globalThis.Deno ? Deno.args[0] : process.argv[2]) ?? 'local';
const results = await conformance(pg);
console.log(report(host, results));
if (results.some((r) => !r.ok)) (globalThis.Deno ? Deno.exit(1) : process.exit(1));
