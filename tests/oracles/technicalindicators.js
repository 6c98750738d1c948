// Oracle for src/ta/ti_oracle_test.cpp: runs the pinned npm technicalindicators (repo
// node_modules) over bars read from a text file ("high low close volume" per line) and prints
// one line per output value: "<series> <index> <value>", index aligned with the input bar.
// Exit 2 when the package cannot be loaded.
'use strict';
const fs = require('fs');
const { loadRepoPackage } = require('./repo_package.js');

const ti = loadRepoPackage('technicalindicators', 'technicalindicators.js');

const lines = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n');
const high = [], low = [], close = [], volume = [];
for (const line of lines) {
  const [h, l, c, v] = line.trim().split(/\s+/).map(Number);
  high.push(h); low.push(l); close.push(c); volume.push(v);
}
const n = close.length;
const out = [];
function emit(name, values, pick) {
  const offset = n - values.length;
  values.forEach((v, j) => {
    const x = pick ? pick(v) : v;
    if (x !== undefined) out.push(`${name} ${offset + j} ${x.toPrecision(17)}`);
  });
}

emit('sma10', ti.SMA.calculate({ period: 10, values: close }));
emit('ema10', ti.EMA.calculate({ period: 10, values: close }));
emit('wma10', ti.WMA.calculate({ period: 10, values: close }));
const macd = ti.MACD.calculate({
  values: close, fastPeriod: 5, slowPeriod: 13, signalPeriod: 4,
  SimpleMAOscillator: false, SimpleMASignal: false,
});
emit('macd_line', macd, (v) => v.MACD);
emit('macd_signal', macd, (v) => v.signal);
const bb = ti.BollingerBands.calculate({ period: 20, stdDev: 2, values: close });
emit('bb_upper', bb, (v) => v.upper);
emit('atr14', ti.ATR.calculate({ period: 14, high, low, close }));
emit('roc9', ti.ROC.calculate({ period: 9, values: close }));
emit('obv', ti.OBV.calculate({ close, volume }));
emit('vwap', ti.VWAP.calculate({ high, low, close, volume }));
const kc = ti.KeltnerChannels.calculate({
  maPeriod: 20, atrPeriod: 10, useSMA: false, multiplier: 2, high, low, close,
});
emit('keltner_upper', kc, (v) => v.upper);
emit('psar', ti.PSAR.calculate({ high, low, step: 0.02, max: 0.2 }));
const st = ti.Stochastic.calculate({ high, low, close, period: 14, signalPeriod: 3 });
emit('stoch_k', st, (v) => v.k);
emit('stoch_d', st, (v) => v.d);
emit('cci20', ti.CCI.calculate({ period: 20, high, low, close }));
process.stdout.write(out.join('\n') + '\n');
