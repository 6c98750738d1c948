#!/usr/bin/env node
// ccxt REST conformance against bgt's emulator: the unmodified npm ccxt (the repo's pinned
// node_modules) trades through the emulator via ccxt's documented URL overrides (urls.api.*).
// Usage: node ccxt_rest.js <rest-url> [api-key secret passphrase]
// Every step must succeed; prints "ok <step>" per step and exits 0, or prints the failing step
// and its error on stderr and exits 1. Exit 2: ccxt cannot be loaded.
'use strict';

const {loadRepoPackage} = require('../oracles/repo_package');

const ccxt = loadRepoPackage('ccxt', 'ccxt_rest.js');

const [restUrl, apiKey = 'bgt-test-key', secret = 'bgt-test-secret',
       password = 'bgt-test-passphrase'] = process.argv.slice(2);
if (!restUrl) {
  process.stderr.write('usage: ccxt_rest.js <rest-url> [api-key secret passphrase]\n');
  process.exit(1);
}

function makeExchange() {
  const exchange = new ccxt.bitget({
    apiKey, secret, password,
    enableRateLimit: true,
    options: {fetchMarkets: {types: ['swap']}, uta: false, defaultType: 'swap'},
  });
  for (const key of Object.keys(exchange.urls.api)) exchange.urls.api[key] = restUrl;
  exchange.has.fetchCurrencies = false;
  return exchange;
}

async function main() {
  const exchange = makeExchange();
  const symbol = 'BTC/USDT:USDT';
  const steps = [];
  const step = async (name, fn) => {
    try {
      const result = await fn();
      steps.push(name);
      process.stdout.write(`ok ${name}\n`);
      return result;
    } catch (e) {
      process.stderr.write(`FAILED ${name}: ${e.constructor.name}: ${e.message}\n`);
      process.exit(1);
    }
  };
  const check = (cond, what) => {
    if (!cond) throw new Error(`check failed: ${what}`);
  };

  const markets = await step('loadMarkets', async () => {
    const m = await exchange.loadMarkets();
    check(m[symbol] !== undefined, `${symbol} listed`);
    return m;
  });
  check(Object.keys(markets).length >= 20, 'at least 20 markets');
  const ticker = await step('fetchTicker', async () => {
    const t = await exchange.fetchTicker(symbol);
    check(t.bid > 0 && t.ask > t.bid, 'bid < ask');
    return t;
  });
  await step('fetchTickers', async () => {
    const t = await exchange.fetchTickers([symbol, 'ETH/USDT:USDT']);
    check(t[symbol] !== undefined, 'tickers hold BTC');
  });
  await step('fetchOHLCV', async () => {
    const bars = await exchange.fetchOHLCV(symbol, '1h', undefined, 20);
    check(bars.length > 0 && bars.length <= 20, `1..20 bars, got ${bars.length}`);
  });
  await step('fetchOrderBook', async () => {
    const book = await exchange.fetchOrderBook(symbol, 5);
    check(book.bids.length > 0 && book.asks.length > 0, 'both sides');
    check(book.bids[0][0] < book.asks[0][0], 'not crossed');
  });
  await step('fetchBalance', async () => {
    const balance = await exchange.fetchBalance({type: 'swap'});
    check(balance.USDT !== undefined && balance.USDT.free > 0, 'USDT balance');
  });
  await step('setLeverage', async () => {
    await exchange.setLeverage(5, symbol, {marginMode: 'cross'});
  });
  const market = markets[symbol];
  const limitPrice = exchange.priceToPrecision(symbol, ticker.bid * 0.97);
  const amount = Math.max(market.limits.amount.min || 0, 0.001);
  const limit = await step('createOrder limit', async () => {
    const o = await exchange.createOrder(symbol, 'limit', 'buy', amount, limitPrice,
                                         {marginMode: 'cross'});
    check(o.id !== undefined, 'order id');
    return o;
  });
  await step('fetchOpenOrders', async () => {
    const open = await exchange.fetchOpenOrders(symbol);
    check(open.some((o) => o.id === limit.id), 'the limit order is open');
  });
  await step('cancelOrder', async () => {
    await exchange.cancelOrder(limit.id, symbol);
  });
  await step('createOrder market', async () => {
    const o = await exchange.createOrder(symbol, 'market', 'buy', amount, undefined,
                                         {marginMode: 'cross'});
    check(o.id !== undefined, 'order id');
  });
  await step('fetchPositions', async () => {
    const positions = await exchange.fetchPositions([symbol]);
    check(positions.length === 1 && positions[0].contracts > 0, 'one open position');
  });
  await step('closeAllPositions', async () => {
    await exchange.closeAllPositions();
    const positions = await exchange.fetchPositions([symbol]);
    check(positions.length === 0, 'flat after closeAllPositions');
  });
  process.stdout.write(`passed ${steps.length} steps\n`);
}

main().catch((e) => {
  process.stderr.write(`ccxt_rest.js: ${e.stack || e}\n`);
  process.exit(1);
});
