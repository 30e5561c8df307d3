// CommonJS entry of pg-micro/worker (`require('pg-micro/worker')`): async connect() and
// load() as in index.cjs, with the engine in a Worker.
'use strict';

const load = () => import('./worker.js');

exports.connect = async (path, options) => (await load()).connect(path, options);
exports.load = load;
