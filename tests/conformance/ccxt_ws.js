#!/usr/bin/env node
// ccxt pro WebSocket conformance against bgt's emulator gateway: the unmodified npm ccxt (the
// repo's pinned node_modules) loads markets over REST (only /api/v2/mix/market/contracts is
// needed), then watchTicker and watchOrderBook through urls.api.ws overrides. ccxt validates the
// `books` CRC32 checksum of every update, so several order-book updates are awaited.
// ccxt pro refuses plain ws:// unless loadHttpProxyAgent() was called (bitget-api-more.md §8).
// Usage: node ccxt_ws.js <rest-url> <ws-url>
// Prints "ok <step>" per step and exits 0; exits 1 with the failing step on stderr; exit 2:
// ccxt cannot be loaded.
'use strict';

const {loadRepoPackage} = require('../oracles/repo_package');

const ccxt = loadRepoPackage('ccxt', 'ccxt_ws.js');

const [restUrl, wsUrl] = process.argv.slice(2);
if (!restUrl || !wsUrl) {
  process.stderr.write('usage: ccxt_ws.js <rest-url> <ws-url>\n');
  process.exit(1);
}

async function main() {
  const exchange = new ccxt.pro.bitget({
    options: {fetchMarkets: {types: ['swap']}, uta: false, defaultType: 'swap'},
  });
  for (const key of Object.keys(exchange.urls.api)) {
    if (typeof exchange.urls.api[key] === 'string') exchange.urls.api[key] = restUrl;
  }
  exchange.urls.api.ws.public = wsUrl;
  exchange.urls.api.ws.private = wsUrl;
  exchange.has.fetchCurrencies = false;
  await exchange.loadHttpProxyAgent();
  const symbol = 'BTC/USDT:USDT';
  const step = async (name, fn) => {
    try {
      await fn();
      process.stdout.write(`ok ${name}\n`);
    } catch (e) {
      process.stderr.write(`FAILED ${name}: ${e.constructor.name}: ${e.message}\n`);
      process.exit(1);
    }
  };
  const check = (cond, what) => {
    if (!cond) throw new Error(`check failed: ${what}`);
  };
  await step('loadMarkets', async () => {
    await exchange.loadMarkets();
    check(exchange.markets[symbol] !== undefined, `${symbol} loaded`);
  });
  await step('watchTicker', async () => {
    const t = await exchange.watchTicker(symbol);
    check(t.symbol === symbol && t.last > 0 && t.bid > 0 && t.ask > t.bid, 'ticker fields');
  });
  await step('watchOrderBook (checksummed updates)', async () => {
    let book;
    for (let i = 0; i < 8; ++i) book = await exchange.watchOrderBook(symbol);
    check(book.bids.length > 0 && book.asks.length > 0, 'book has both sides');
    check(book.bids[0][0] < book.asks[0][0], 'book not crossed');
  });
  await exchange.close();
  process.exit(0);
}

main().catch((e) => {
  process.stderr.write(`FAILED: ${e.constructor.name}: ${e.message}\n`);
  process.exit(1);
});
