#!/usr/bin/env node
// ccxt pro WebSocket conformance against bgt's emulator gateway: the unmodified npm ccxt (the
// repo's pinned node_modules) loads markets over REST (only /api/v2/mix/market/contracts is
// needed), then watchTicker and watchOrderBook through urls.api.ws overrides. ccxt validates the
// `books` CRC32 checksum of every update, so several order-book updates are awaited.
// With --private (a full emulator: REST trading + private pushes), it also logs in and checks
// watchOrders (the order placed over REST arrives open, then canceled), watchPositions (a market
// buy shows as a long of the filled size, then disappears when closed) and watchBalance.
// ccxt pro refuses plain ws:// unless loadHttpProxyAgent() was called (bitget-api-more.md §8).
// Usage: node ccxt_ws.js <rest-url> <ws-url> [--private [api-key secret passphrase]]
// Prints "ok <step>" per step and "passed <n> steps"; exit 1 names the failing step on stderr;
// exit 2: ccxt cannot be loaded.
'use strict';

const {loadRepoPackage} = require('../oracles/repo_package');
const {Session, check, decEq} = require('./session');

const ccxt = loadRepoPackage('ccxt', 'ccxt_ws.js');

const [restUrl, wsUrl, privateFlag, apiKey = 'bgt-test-key', secret = 'bgt-test-secret',
       password = 'bgt-test-passphrase'] = process.argv.slice(2);
if (!restUrl || !wsUrl || (privateFlag !== undefined && privateFlag !== '--private')) {
  process.stderr.write('usage: ccxt_ws.js <rest-url> <ws-url> [--private [key secret pass]]\n');
  process.exit(1);
}
const withPrivate = privateFlag === '--private';
const SYMBOL = 'BTC/USDT:USDT';

function makeExchange() {
  const exchange = new ccxt.pro.bitget({
    ...(withPrivate ? {apiKey, secret, password} : {}),
    enableRateLimit: true,
    options: {fetchMarkets: {types: ['swap']}, uta: false, defaultType: 'swap'},
  });
  for (const key of Object.keys(exchange.urls.api)) {
    if (typeof exchange.urls.api[key] === 'string') exchange.urls.api[key] = restUrl;
  }
  exchange.urls.api.ws.public = wsUrl;
  exchange.urls.api.ws.private = wsUrl;
  exchange.has.fetchCurrencies = false;
  return exchange;
}

// Awaits `watch()` until `accept(result)` holds (at most `tries` pushes).
async function watchUntil(watch, accept, tries, what) {
  for (let i = 0; i < tries; ++i) {
    const result = await watch();
    if (accept(result)) return result;
  }
  throw new Error(`no push with ${what} in ${tries} updates`);
}

async function privateSession(s, exchange) {
  const amount = 0.01;
  await s.step('setPositionMode one-way (REST)', async () => {
    await exchange.setPositionMode(false, SYMBOL);
  });
  const ticker = await exchange.fetchTicker(SYMBOL);
  const price = Number(exchange.priceToPrecision(SYMBOL, ticker.bid * 0.97));
  // Subscribe first, then act: the subscription's ack is awaited by the first watch call.
  const firstOrders = exchange.watchOrders(SYMBOL);
  const firstPositions = exchange.watchPositions([SYMBOL]);
  const firstBalance = exchange.watchBalance({type: 'swap'});
  // The gateway answers one connection's messages in order and sends an `account` snapshot when
  // the subscription is made: once it is here, the orders and positions subscriptions (sent
  // before it) are active too.
  const snapshot = await s.step('watchBalance (snapshot)', async () => {
    const balance = await firstBalance;
    check(balance.USDT !== undefined && balance.USDT.free > 0, 'USDT balance pushed');
    return {...balance.USDT};
  });
  let placed;
  let pendingBalance;
  await s.step('watchOrders (new order open)', async () => {
    placed = await exchange.createOrder(SYMBOL, 'limit', 'buy', amount, price,
                                        {clientOrderId: 'ccxt-ws-1'});
    let orders = await firstOrders;
    if (!orders.some((o) => o.id === placed.id)) {
      orders = await watchUntil(() => exchange.watchOrders(SYMBOL),
                                (os) => os.some((o) => o.id === placed.id), 5, 'the new order');
    }
    const o = orders.find((x) => x.id === placed.id);
    check(o.status === 'open' && o.price === price && o.amount === amount &&
              o.clientOrderId === 'ccxt-ws-1' && o.symbol === SYMBOL,
          `open order pushed: ${JSON.stringify(o.info)}`);
  });
  await s.step('watchOrders (canceled)', async () => {
    const pending = exchange.watchOrders(SYMBOL);
    await exchange.cancelOrder(placed.id, SYMBOL);
    let orders = await pending;
    const canceled = (os) => os.some((o) => o.id === placed.id && o.status === 'canceled');
    if (!canceled(orders)) {
      orders = await watchUntil(() => exchange.watchOrders(SYMBOL), canceled, 5, 'the cancel');
    }
  });
  await s.step('watchPositions (long of the filled size)', async () => {
    await firstPositions;  // the snapshot at subscription (nothing open)
    // A push resolves only a watch already waiting, so the watch starts before the trade.
    const pending = exchange.watchPositions([SYMBOL]);
    pendingBalance = exchange.watchBalance({type: 'swap'});
    const bought = await exchange.createOrder(SYMBOL, 'market', 'buy', amount);
    const filled = (await exchange.fetchOrder(bought.id, SYMBOL)).info.baseVolume;
    const isLong = (ps) => ps.some((p) => p.symbol === SYMBOL && p.side === 'long' &&
                                          decEq(String(p.info.total), filled));
    let positions = await pending;
    if (!isLong(positions)) {
      positions = await watchUntil(() => exchange.watchPositions([SYMBOL]), isLong, 5,
                                   `a long of ${filled}`);
    }
  });
  await s.step('watchBalance (after the trade)', async () => {
    const balance = await pendingBalance;
    // The position's margin is no longer available (Bitget's `frozen`, ccxt's `used`, counts
    // open orders only).
    check(balance.USDT !== undefined && balance.USDT.free < snapshot.free &&
              balance.USDT.free < balance.USDT.total,
          `margin in use pushed: ${JSON.stringify(balance.USDT)} after ${JSON.stringify(snapshot)}`);
  });
  await s.step('watchPositions (closed)', async () => {
    const pending = exchange.watchPositions([SYMBOL]);
    await exchange.closeAllPositions();
    const flat = (ps) => !ps.some((p) => p.symbol === SYMBOL && p.contracts > 0);
    let positions = await pending;
    if (!flat(positions)) {
      positions = await watchUntil(() => exchange.watchPositions([SYMBOL]), flat, 5, 'flat');
    }
  });
}

async function main() {
  const s = new Session('ccxt_ws.js', 60000);
  const exchange = makeExchange();
  await exchange.loadHttpProxyAgent();
  s.cleanup.push(() => exchange.close());
  await s.step('loadMarkets', async () => {
    await exchange.loadMarkets();
    check(exchange.markets[SYMBOL] !== undefined, `${SYMBOL} loaded`);
  });
  await s.step('watchTicker', async () => {
    const t = await exchange.watchTicker(SYMBOL);
    check(t.symbol === SYMBOL && t.last > 0 && t.bid > 0 && t.ask > t.bid, 'ticker fields');
  });
  await s.step('watchOrderBook (checksummed updates)', async () => {
    let book;
    for (let i = 0; i < 8; ++i) book = await exchange.watchOrderBook(SYMBOL);
    check(book.bids.length > 0 && book.asks.length > 0, 'book has both sides');
    check(book.bids[0][0] < book.asks[0][0], 'book not crossed');
  });
  if (withPrivate) await privateSession(s, exchange);
  await s.finish();
}

main().catch((e) => {
  process.stderr.write(`FAILED: ${e.constructor.name}: ${e.message}\n`);
  process.exit(1);
});
