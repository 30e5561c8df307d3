// Runs the conformance script in the current host (Node, Deno or Bun), on the calling thread
// (pg-micro) and through pg-micro/worker with the worker checks:
//   node|deno run --allow-read|bun run-local.mjs <host>
import * as pg from '../../js/index.js';
import * as pgWorker from '../../js/worker.js';
import { conformance, report } from './conformance.mjs';
import { workerChecks } from './worker-checks.mjs';
const host = (globalThis.Deno ? Deno.args[0] : process.argv[2]) ?? 'local';
const results = await conformance(pg);
console.log(report(host, results));
const viaWorker = [...await conformance(pgWorker), ...await workerChecks(pgWorker, { interruptible: true })];
console.log(report(`${host}-pg-micro-worker`, viaWorker));
if ([...results, ...viaWorker].some((r) => !r.ok)) (globalThis.Deno ? Deno.exit(1) : process.exit(1));
