'use strict';
// The package's Node entry: the rule engine (its wasm loads here) and startSandbox (whose
// simulators, a wasm of their own, load at the first start).
module.exports = { ...require('./node/orderlint_js.js'), startSandbox: require('./sandbox.js').startSandbox };
