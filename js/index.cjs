// CommonJS entry of pg-micro (`require('pg-micro')`): the package is ES modules, which
// require() cannot load synchronously on Node 20, so this gives an async connect() and load(),
// the ES module's namespace (DatabaseError, sql, identifier, raw, types, ...).
//   const { connect } = require('pg-micro');
//   const db = await connect(':memory:');
//   const { DatabaseError } = await require('pg-micro').load();
'use strict';

const load = () => import('./index.js');

exports.connect = async (path, options) => (await load()).connect(path, options);
exports.load = load;
