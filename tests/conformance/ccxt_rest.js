#!/usr/bin/env node
// ccxt REST conformance against bgt's emulator: the unmodified npm ccxt (the repo's pinned
// node_modules) drives a full trading session through ccxt's documented URL overrides
// (urls.api.*): market data (markets, tickers, candles over several timeframes and a `since`
// range, book, open interest, funding), account settings (leverage, margin mode incl. the 45117
// refusal while a position is open, one-way and hedge position modes), every order kind
// (limit, market, post-only resting and post-only that would take, reduce-only; hedge open and
// close), order reads and cancels, fills, positions, close-position and close-all; and "the
// numbers agree": position size = filled size, wallet balance moves by exactly the fee on open
// and by realized PnL + fee on close (exact decimal arithmetic on the response strings).
// Usage: node ccxt_rest.js <rest-url> [api-key secret passphrase]
// Prints "ok <step>" per step and "passed <n> steps"; exit 1 names the failing step on stderr;
// exit 2: ccxt cannot be loaded.
'use strict';

const {loadRepoPackage} = require('../oracles/repo_package');
const {Session, check, dec, decAdd, decSub, decEq, decStr} = require('./session');

const ccxt = loadRepoPackage('ccxt', 'ccxt_rest.js');

const [restUrl, apiKey = 'bgt-test-key', secret = 'bgt-test-secret',
       password = 'bgt-test-passphrase'] = process.argv.slice(2);
if (!restUrl) {
  process.stderr.write('usage: ccxt_rest.js <rest-url> [api-key secret passphrase]\n');
  process.exit(1);
}

const SYMBOL = 'BTC/USDT:USDT';
const HOUR = 3600 * 1000;

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

// The wallet balance (equity without unrealized PnL) of the USDT futures account, exact.
async function wallet(exchange) {
  const balance = await exchange.fetchBalance({type: 'swap'});
  const entry = balance.info.find((e) => e.marginCoin === 'USDT');
  check(entry !== undefined, 'USDT futures account listed');
  return decSub(entry.accountEquity, entry.unrealizedPL);
}

// Bitget's signed fee of an order (negative: paid), from the fills of that order.
async function fillsOf(exchange, orderId) {
  const trades = await exchange.fetchMyTrades(SYMBOL, undefined, 100);
  const mine = trades.filter((t) => t.order === orderId);
  check(mine.length > 0, `fills of order ${orderId}`);
  let fee = dec('0');
  let profit = dec('0');
  let size = dec('0');
  for (const t of mine) {
    for (const d of t.info.feeDetail) fee = decAdd(fee, d.totalFee);
    profit = decAdd(profit, t.info.profit);
    size = decAdd(size, t.info.baseVolume);
  }
  return {fee, profit, size};
}

function checkBars(bars, ms, what) {
  check(Array.isArray(bars) && bars.length > 0, `${what}: bars returned`);
  for (let i = 0; i < bars.length; ++i) {
    const [ts, o, h, l, c, v] = bars[i];
    check(l <= Math.min(o, c) && h >= Math.max(o, c) && v >= 0, `${what}: OHLC bar ${i} consistent`);
    check(ts % ms === 0, `${what}: bar ${i} aligned to the timeframe`);
    if (i > 0) check(ts - bars[i - 1][0] === ms, `${what}: bars ${i - 1}..${i} consecutive`);
  }
}

async function main() {
  const s = new Session('ccxt_rest.js', 120000);
  const exchange = makeExchange();
  const isCode = (code) => (e) => e instanceof ccxt.ExchangeError && e.message.includes(`"${code}"`);

  // ---- market data ----------------------------------------------------------------------------
  const markets = await s.step('loadMarkets', async () => {
    const m = await exchange.loadMarkets();
    check(m[SYMBOL] !== undefined && m[SYMBOL].swap && m[SYMBOL].linear, `${SYMBOL} listed`);
    check(Object.keys(m).length >= 20, 'at least 20 markets');
    return m;
  });
  const market = markets[SYMBOL];
  const ticker = await s.step('fetchTicker', async () => {
    const t = await exchange.fetchTicker(SYMBOL);
    check(t.symbol === SYMBOL && t.bid > 0 && t.ask > t.bid && t.last > 0, 'bid < ask, last');
    return t;
  });
  await s.step('fetchTickers', async () => {
    const t = await exchange.fetchTickers([SYMBOL, 'ETH/USDT:USDT']);
    check(t[SYMBOL] !== undefined && t['ETH/USDT:USDT'] !== undefined, 'both tickers');
  });
  for (const [tf, ms] of [['1m', 60000], ['15m', 900000], ['1h', HOUR], ['4h', 4 * HOUR],
                          ['1d', 24 * HOUR]]) {
    await s.step(`fetchOHLCV ${tf}`, async () => {
      const bars = await exchange.fetchOHLCV(SYMBOL, tf, undefined, 20);
      check(bars.length <= 20, `at most 20 bars, got ${bars.length}`);
      checkBars(bars, ms, tf);
      check(bars[bars.length - 1][0] <= Date.now(), 'no future bar');
    });
  }
  await s.step('fetchOHLCV 1h since', async () => {
    const since = Math.floor((Date.now() - 48 * HOUR) / HOUR) * HOUR;
    const bars = await exchange.fetchOHLCV(SYMBOL, '1h', since, 10);
    check(bars.length === 10, `10 bars from since, got ${bars.length}`);
    // ccxt asks for [since, since + limit bars] (endTime inclusive: limit + 1 bar opens); the
    // answer is `limit` consecutive bars inside that window.
    check(bars[0][0] >= since && bars[9][0] <= since + 10 * HOUR,
          `bars inside [since, since + 10h] (${bars[0][0]}..${bars[9][0]}, since ${since})`);
    checkBars(bars, HOUR, '1h since');
  });
  await s.step('fetchOrderBook', async () => {
    const book = await exchange.fetchOrderBook(SYMBOL, 5);
    check(book.bids.length === 5 && book.asks.length === 5, '5 levels a side');
    check(book.bids[0][0] < book.asks[0][0], 'not crossed');
    for (let i = 1; i < 5; ++i) {
      check(book.bids[i][0] < book.bids[i - 1][0] && book.asks[i][0] > book.asks[i - 1][0],
            'sorted levels');
    }
  });
  await s.step('fetchOpenInterest', async () => {
    const oi = await exchange.fetchOpenInterest(SYMBOL);
    check(oi.symbol === SYMBOL && oi.openInterestAmount > 0, 'open interest amount');
  });
  await s.step('fetchFundingRate', async () => {
    const f = await exchange.fetchFundingRate(SYMBOL);
    check(f.symbol === SYMBOL && Number.isFinite(f.fundingRate), 'funding rate');
    check(f.fundingTimestamp > Date.now() - 60000, 'next funding time ahead');
  });
  await s.step('fetchFundingRateHistory', async () => {
    const rows = await exchange.fetchFundingRateHistory(SYMBOL);
    check(Array.isArray(rows), 'a list');
    for (const r of rows) {
      check(r.symbol === SYMBOL && Number.isFinite(r.fundingRate) && r.timestamp <= Date.now(),
            'funding history row');
    }
  });

  // ---- account settings -----------------------------------------------------------------------
  const startBalance = await s.step('fetchBalance', async () => {
    const balance = await exchange.fetchBalance({type: 'swap'});
    check(balance.USDT !== undefined && balance.USDT.free > 0 && balance.USDT.total > 0,
          'USDT balance');
    return wallet(exchange);
  });
  await s.step('setLeverage', async () => {
    const r = await exchange.setLeverage(5, SYMBOL, {marginMode: 'cross'});
    check(r.data.crossMarginLeverage === '5', `cross leverage 5, got ${JSON.stringify(r.data)}`);
  });
  await s.step('setMarginMode isolated (flat)', async () => {
    const r = await exchange.setMarginMode('isolated', SYMBOL);
    check(r.data.marginMode === 'isolated', 'isolated');
  });
  await s.step('setMarginMode cross (flat)', async () => {
    const r = await exchange.setMarginMode('cross', SYMBOL);
    check(r.data.marginMode === 'crossed', 'crossed');
  });
  await s.step('setPositionMode one-way', async () => {
    const r = await exchange.setPositionMode(false, SYMBOL);
    check(r.data.posMode === 'one_way_mode', 'one_way_mode');
  });

  // ---- one-way orders -------------------------------------------------------------------------
  const amountText = '0.01';
  const amount = Number(amountText);
  const restingPrice = Number(exchange.priceToPrecision(SYMBOL, ticker.bid * 0.97));
  const limit = await s.step('createOrder limit', async () => {
    const o = await exchange.createOrder(SYMBOL, 'limit', 'buy', amount, restingPrice,
                                         {marginMode: 'cross', clientOrderId: 'ccxt-limit-1'});
    check(typeof o.id === 'string' && o.id.length > 0, 'order id');
    return o;
  });
  await s.step('fetchOrder limit (open)', async () => {
    const o = await exchange.fetchOrder(limit.id, SYMBOL);
    check(o.status === 'open' && o.price === restingPrice && o.amount === amount &&
              o.filled === 0 && o.clientOrderId === 'ccxt-limit-1' && o.side === 'buy' &&
              o.type === 'limit', `open limit order read back: ${JSON.stringify(o.info)}`);
  });
  const postOnlyResting = await s.step('createOrder post-only (rests)', async () => {
    const o = await exchange.createOrder(SYMBOL, 'limit', 'buy', amount, restingPrice,
                                         {postOnly: true});
    const read = await exchange.fetchOrder(o.id, SYMBOL);
    check(read.status === 'open' && read.postOnly === true, `resting post-only: ${read.status}`);
    return o;
  });
  await s.step('createOrder post-only (would take: canceled)', async () => {
    const crossing = Number(exchange.priceToPrecision(SYMBOL, ticker.ask * 1.01));
    const o = await exchange.createOrder(SYMBOL, 'limit', 'buy', amount, crossing,
                                         {postOnly: true});
    const read = await exchange.fetchOrder(o.id, SYMBOL);
    check(read.status === 'canceled' && read.filled === 0,
          `post-only that would take is canceled unfilled: ${read.status} ${read.filled}`);
  });
  await s.step('fetchOpenOrders', async () => {
    const open = await exchange.fetchOpenOrders(SYMBOL);
    const ids = open.map((o) => o.id).sort();
    check(JSON.stringify(ids) === JSON.stringify([limit.id, postOnlyResting.id].sort()),
          `exactly the two resting orders, got ${ids}`);
  });
  await s.step('cancelOrder', async () => {
    await exchange.cancelOrder(limit.id, SYMBOL);
    const o = await exchange.fetchOrder(limit.id, SYMBOL);
    check(o.status === 'canceled', `canceled, got ${o.status}`);
  });
  await s.stepRaises('cancelOrder again (OrderNotFound)',
                     () => exchange.cancelOrder(limit.id, SYMBOL),
                     (e) => e instanceof ccxt.OrderNotFound, 'OrderNotFound (40768)');
  await s.step('cancelAllOrders', async () => {
    await exchange.createOrder(SYMBOL, 'limit', 'buy', amount, restingPrice);
    await exchange.cancelAllOrders(SYMBOL);
    const open = await exchange.fetchOpenOrders(SYMBOL);
    check(open.length === 0, `no open order left, got ${open.length}`);
  });

  const before = startBalance;
  const bought = await s.step('createOrder market (open long)', async () => {
    const o = await exchange.createOrder(SYMBOL, 'market', 'buy', amount, undefined,
                                         {marginMode: 'cross'});
    const read = await exchange.fetchOrder(o.id, SYMBOL);
    check(read.status === 'closed' && decEq(read.info.baseVolume, amountText),
          `filled ${amountText}: ${read.status} ${read.info.baseVolume}`);
    return read;
  });
  await s.step('fetchMyTrades (fills of the market order)', async () => {
    const fills = await fillsOf(exchange, bought.id);
    check(decEq(fills.size, amountText), `fill sizes add up to ${amountText}`);
  });
  await s.step('numbers agree: position size = filled size', async () => {
    const positions = await exchange.fetchPositions([SYMBOL]);
    check(positions.length === 1 && positions[0].side === 'long', 'one long position');
    check(decEq(positions[0].info.total, bought.info.baseVolume),
          `position ${positions[0].info.total} = filled ${bought.info.baseVolume}`);
    check(positions[0].marginMode === 'cross', 'cross margin');
  });
  const afterOpen = await s.step('numbers agree: balance moved by the open fee', async () => {
    const fills = await fillsOf(exchange, bought.id);
    check(decEq(fills.fee, bought.info.fee), `fills fee ${decStr(fills.fee)} = order fee`);
    check(fills.fee.units < 0n, 'a taker fee is paid (negative)');
    const now = await wallet(exchange);
    check(decEq(decSub(now, before), fills.fee),
          `wallet ${decStr(before)} -> ${decStr(now)} moved by fee ${decStr(fills.fee)}`);
    return now;
  });
  await s.stepRaises('setMarginMode refused while a position is open (45117)',
                     () => exchange.setMarginMode('isolated', SYMBOL), isCode('45117'),
                     'ExchangeError with code 45117');
  const closed = await s.step('createOrder reduce-only market (close long)', async () => {
    const o = await exchange.createOrder(SYMBOL, 'market', 'sell', amount, undefined,
                                         {reduceOnly: true});
    const read = await exchange.fetchOrder(o.id, SYMBOL);
    check(read.status === 'closed' && read.reduceOnly === true, 'reduce-only filled');
    const positions = await exchange.fetchPositions([SYMBOL]);
    check(positions.length === 0, 'flat after the reduce-only close');
    return read;
  });
  await s.step('numbers agree: balance moved by realized PnL + close fee', async () => {
    const fills = await fillsOf(exchange, closed.id);
    check(decEq(fills.profit, closed.info.totalProfits),
          `fills profit ${decStr(fills.profit)} = order totalProfits ${closed.info.totalProfits}`);
    const now = await wallet(exchange);
    const expected = decAdd(fills.profit, fills.fee);
    check(decEq(decSub(now, afterOpen), expected),
          `wallet ${decStr(afterOpen)} -> ${decStr(now)} moved by pnl+fee ${decStr(expected)}`);
  });
  await s.stepRaises('reduce-only with nothing open is refused',
                     () => exchange.createOrder(SYMBOL, 'market', 'sell', amount, undefined,
                                                {reduceOnly: true}),
                     (e) => e instanceof ccxt.ExchangeError, 'an ExchangeError');

  // ---- hedge mode -----------------------------------------------------------------------------
  await s.step('setPositionMode hedge', async () => {
    const r = await exchange.setPositionMode(true, SYMBOL);
    check(r.data.posMode === 'hedge_mode', 'hedge_mode');
  });
  await s.step('hedge open long + open short', async () => {
    await exchange.createOrder(SYMBOL, 'market', 'buy', amount, undefined, {hedged: true});
    await exchange.createOrder(SYMBOL, 'market', 'sell', amount, undefined, {hedged: true});
    const positions = await exchange.fetchPositions([SYMBOL]);
    const sides = positions.map((p) => p.side).sort();
    check(JSON.stringify(sides) === '["long","short"]', `long and short, got ${sides}`);
    for (const p of positions) check(decEq(p.info.total, amountText), `${p.side} size`);
  });
  await s.step('hedge close long (reduce-only)', async () => {
    const o = await exchange.createOrder(SYMBOL, 'market', 'sell', amount, undefined,
                                         {hedged: true, reduceOnly: true});
    const read = await exchange.fetchOrder(o.id, SYMBOL);
    check(read.info.tradeSide === 'close' && read.info.posSide === 'long',
          `a close of the long: ${read.info.tradeSide} ${read.info.posSide}`);
    const positions = await exchange.fetchPositions([SYMBOL]);
    check(positions.length === 1 && positions[0].side === 'short', 'only the short is left');
  });
  await s.step('closePosition short', async () => {
    await exchange.closePosition(SYMBOL, 'short');
    const positions = await exchange.fetchPositions([SYMBOL]);
    check(positions.length === 0, 'flat after closePosition');
  });
  await s.step('closeAllPositions', async () => {
    await exchange.createOrder(SYMBOL, 'market', 'buy', amount, undefined, {hedged: true});
    await exchange.createOrder('ETH/USDT:USDT', 'market', 'sell', 0.1, undefined, {hedged: true});
    check((await exchange.fetchPositions()).length === 2, 'two positions open');
    await exchange.closeAllPositions();
    const positions = await exchange.fetchPositions();
    check(positions.length === 0, 'flat after closeAllPositions');
  });
  await s.step('setPositionMode one-way (back)', async () => {
    const r = await exchange.setPositionMode(false, SYMBOL);
    check(r.data.posMode === 'one_way_mode', 'one_way_mode');
  });
  await s.finish();
}

main().catch((e) => {
  process.stderr.write(`ccxt_rest.js: ${e.stack || e}\n`);
  process.exit(1);
});
