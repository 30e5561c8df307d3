// The worker that tests/hosts/workerd.mjs runs in workerd: the .wasm arrives as a precompiled
// WebAssembly.Module (a CompiledWasm module import), handed to connect() as { wasmModule }.
import * as pg from '../../js/index.js';
import wasmModule from '../../js/pgmicro.wasm';
import { conformance } from './conformance.mjs';

export default {
  async fetch() {
    return Response.json(await conformance(pg, { wasmModule }));
  },
};
