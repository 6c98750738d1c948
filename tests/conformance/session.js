// Shared by the conformance scripts: a step runner (every step prints "ok <name>"; the first
// failing step prints "FAILED <name>: <error>" on stderr and exits 1), check helpers, a whole-run
// watchdog, and exact decimal arithmetic on Bitget's decimal strings (BigInt, no floats), so
// "the numbers agree" checks compare money exactly.
'use strict';

class Session {
  // `timeoutMs`: the whole run fails (exit 1, naming the running step) when it takes longer.
  constructor(scriptName, timeoutMs = 90000) {
    this.scriptName = scriptName;
    this.steps = [];
    this.current = '(start-up)';
    this.cleanup = [];
    this.watchdog = setTimeout(() => {
      this.fail(this.current, new Error(`timeout after ${timeoutMs} ms`));
    }, timeoutMs);
  }

  // Runs `fn` as the step `name`; returns its result. A throw fails the whole run.
  async step(name, fn) {
    this.current = name;
    try {
      const result = await fn();
      this.steps.push(name);
      process.stdout.write(`ok ${name}\n`);
      return result;
    } catch (e) {
      this.fail(name, e);
      return undefined;  // not reached
    }
  }

  // Steps that must raise: `fn` must throw, and `accept(error)` must hold for the error.
  async stepRaises(name, fn, accept, what) {
    return this.step(name, async () => {
      let raised;
      try {
        await fn();
      } catch (e) {
        raised = e;
      }
      if (raised === undefined) throw new Error(`expected ${what}, but the call succeeded`);
      if (!accept(raised)) {
        throw new Error(`expected ${what}, got ${describe(raised)}`);
      }
      return raised;
    });
  }

  fail(name, error) {
    process.stderr.write(`FAILED ${name}: ${describe(error)}\n`);
    process.exit(1);
  }

  // Prints the closing line the C++ wrappers read, runs clean-ups and exits 0.
  async finish() {
    clearTimeout(this.watchdog);
    for (const fn of this.cleanup) {
      try {
        await fn();
      } catch (e) {
        // clean-up errors after a passing run are reported but do not fail it
        process.stderr.write(`${this.scriptName}: clean-up: ${describe(e)}\n`);
      }
    }
    process.stdout.write(`passed ${this.steps.length} steps\n`);
    process.exit(0);
  }
}

function describe(e) {
  if (e instanceof Error) return `${e.constructor.name}: ${e.message}`;
  try {
    return JSON.stringify(e);
  } catch (_) {
    return String(e);
  }
}

function check(cond, what) {
  if (!cond) throw new Error(`check failed: ${what}`);
}

// ---- exact decimals ----------------------------------------------------------------------------
// A decimal is {units: BigInt, scale: number}: value = units / 10^scale.

function dec(text) {
  if (typeof text === 'number') text = String(text);
  if (typeof text !== 'string' || !/^[-+]?\d+(\.\d+)?$/.test(text.trim())) {
    throw new Error(`not a decimal string: ${JSON.stringify(text)}`);
  }
  const t = text.trim();
  const negative = t.startsWith('-');
  const body = t.replace(/^[-+]/, '');
  const [whole, frac = ''] = body.split('.');
  const units = BigInt(whole + frac) * (negative ? -1n : 1n);
  return {units, scale: frac.length};
}

function rescale(a, scale) {
  return a.units * 10n ** BigInt(scale - a.scale);
}

function decAdd(a, b) {
  a = typeof a === 'object' ? a : dec(a);
  b = typeof b === 'object' ? b : dec(b);
  const scale = Math.max(a.scale, b.scale);
  return {units: rescale(a, scale) + rescale(b, scale), scale};
}

function decSub(a, b) {
  b = typeof b === 'object' ? b : dec(b);
  return decAdd(a, {units: -b.units, scale: b.scale});
}

function decEq(a, b) {
  return decSub(a, b).units === 0n;
}

function decCmp(a, b) {
  const d = decSub(a, b).units;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

function decStr(a) {
  a = typeof a === 'object' ? a : dec(a);
  const negative = a.units < 0n;
  let digits = (negative ? -a.units : a.units).toString();
  if (a.scale > 0) {
    digits = digits.padStart(a.scale + 1, '0');
    digits = `${digits.slice(0, -a.scale)}.${digits.slice(-a.scale)}`;
    digits = digits.replace(/\.?0+$/, '');
  }
  return (negative && digits !== '0' ? '-' : '') + digits;
}

module.exports = {Session, check, describe, dec, decAdd, decSub, decEq, decCmp, decStr};
