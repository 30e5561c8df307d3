// The conformance script inside a dedicated Worker (started by tests/hosts/page.html).
import * as pg from '/js/index.js';
import { conformance } from '/tests/hosts/conformance.mjs';
conformance(pg).then((r) => postMessage(r), (e) => postMessage([{ name: 'run', ok: false, error: String(e?.stack ?? e) }]));
