// An inline program whose update the engine ended early (a config its check refused) may still be sending
// the outputs of components it registered; those calls fail with UNAVAILABLE once the engine is gone, after
// the update's own error reached the test. They say nothing about the update, yet reach jest as unhandled
// rejections and fail whichever test runs then.
//
// Node emits unhandled rejections on the runner's real `process`, which a test file cannot reach (its
// `process` is a copy with its own listeners), and jest replaces its listeners there around every test.
// So the filter sits in front of `process.emit`, outside the test's sandbox; every other rejection passes.
const { TestEnvironment } = require('jest-environment-node');

// The SDK renames an UNAVAILABLE error of registerResourceOutputs before rejecting with it.
const GONE = /^(14 UNAVAILABLE: No connection established|Resource monitor is terminating)/;

// The error comes from the test's realm: `instanceof Error` would be false here.
function lateEngineCall(reason) {
  return typeof reason?.message === 'string' && GONE.test(reason.message) && /registerResource/.test(reason.stack ?? '');
}

class LateEngineCallsEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    const base = process.emit;
    let emit = base;
    let inside = false;
    function filtered(event, reason, ...rest) {
      if (event === 'unhandledRejection' && lateEngineCall(reason)) return true;
      // A wrapper that took the filter for the original (see below) calls back into it: on to the original.
      if (inside) return base.call(this, event, reason, ...rest);
      inside = true;
      try {
        return emit.call(this, event, reason, ...rest);
      } finally {
        inside = false;
      }
    }
    // A module that wraps `process.emit` later (signal-exit, loaded when jest first writes its cache)
    // would put the filter out of the path: its wrapper goes behind the filter instead.
    Object.defineProperty(process, 'emit', {
      configurable: true,
      get: () => filtered,
      set: (wrapper) => {
        emit = wrapper;
      },
    });
    this.restoreEmit = () => {
      delete process.emit;
      if (process.emit !== emit) process.emit = emit;
    };
  }

  async teardown() {
    this.restoreEmit?.();
    await super.teardown();
  }
}

module.exports = LateEngineCallsEnvironment;
