#!/usr/bin/env node
// Request oracle for src/bitget/ccxt_requests_oracle_test.cpp. Runs offline: ccxt's `fetch` is
// replaced by a recorder that answers with canned Bitget envelopes, and markets come from
// tests/fixtures/bitget/contracts.json. Two modes:
//
//   node ccxt_requests.js
//     Performs one ccxt unified call per endpoint bgt uses and prints one JSON line per call:
//       {"name","method","path","params"}
//     params = the query parameters (GET, decoded) or the parsed JSON body (POST).
//   node ccxt_requests.js --verify <file>
//     <file> holds one JSON line per bgt request:
//       {"name","ts","secret","method","path","private","query","body"}
//     Each is handed to ccxt's own sign() (query parsed back into params, body JSON.parse'd);
//     prints {"name","target","body","sign"}: the path + query ccxt would send, its body and
//     ACCESS-SIGN ("" for public endpoints). bgt's bytes must come back unchanged and signed the
//     same.
//
// Exit status: 0 on success, 2 when ccxt cannot be loaded, 1 on any other failure.
'use strict';

const fs = require('fs');
const path = require('path');

const {loadRepoPackage, repoRoot} = require('./repo_package');

const ccxt = loadRepoPackage('ccxt', 'ccxt_requests.js');

// Fixed clock: ccxt's fetchOHLCV picks candles vs history-candles from "now"; the C++ side uses
// the same constant (kNowMs) to build the same time windows.
const kNow = 1782983994798;
const kDay = 86400000;
const S = 'BTC/USDT:USDT';
// Test-only credentials (not real keys).
const kCreds = {apiKey: 'bg_oracle_requests_key', secret: 'oracle-requests-secret-0123456789',
  password: 'Oracle-Requests_42'};

// data of the canned answer, by path suffix; {} otherwise. Shapes follow bitget-api.md §3 closely
// enough for ccxt's parsers; the values do not matter here.
const kCanned = {
  '/public/time': {serverTime: String(kNow)},
  '/market/ticker': [], '/market/tickers': [], '/market/candles': [],
  '/market/history-candles': [], '/market/history-mark-candles': [],
  '/market/history-index-candles': [],
  '/market/merge-depth': {asks: [], bids: [], ts: String(kNow)},
  '/market/open-interest': {openInterestList: [{symbol: 'BTCUSDT', size: '1'}], ts: String(kNow)},
  '/market/current-fund-rate': [], '/market/history-fund-rate': [],
  '/account/accounts': [], '/position/all-position': [], '/position/single-position': [],
  '/order/place-order': {orderId: '1', clientOid: 'c'},
  '/order/place-tpsl-order': {orderId: '2', clientOid: 'c'},
  '/order/cancel-order': {orderId: '1', clientOid: ''},
  '/order/batch-cancel-orders': {successList: [], failureList: []},
  '/order/cancel-plan-order': {successList: [], failureList: []},
  '/order/close-positions': {successList: [], failureList: []},
  '/order/orders-pending': {entrustedList: [], endId: null},
  '/order/orders-history': {entrustedList: [], endId: null},
  '/order/orders-plan-pending': {entrustedList: [], endId: null},
  '/order/fills': {fillList: [], endId: null},
};

function NewExchange(recorder) {
  const contracts = JSON.parse(fs.readFileSync(
      path.join(repoRoot, 'tests/fixtures/bitget/contracts.json'), 'utf8'));
  const ex = new ccxt.bitget({apiKey: kCreds.apiKey, secret: kCreds.secret,
    password: kCreds.password, enableRateLimit: false,
    options: {fetchMarkets: {types: ['swap']}, uta: false}});
  ex.has.fetchCurrencies = false;
  ex.milliseconds = ex.nonce = () => kNow;
  ex.fetch = async (url, method, headers, body) => {
    const u = new URL(url);
    recorder.push({url: u, method, body});
    if (u.pathname.endsWith('/market/contracts')) {
      const usdt = u.searchParams.get('productType') === 'USDT-FUTURES';
      return usdt ? contracts : {code: '00000', msg: 'success', requestTime: kNow, data: []};
    }
    const key = Object.keys(kCanned).find((suffix) => u.pathname.endsWith(suffix));
    return {code: '00000', msg: 'success', requestTime: kNow,
      data: key === undefined ? {} : kCanned[key]};
  };
  return ex;
}

// [name, call, which recorded request (default: the only one)]
function Calls(ex) {
  const productType = (type) => (r) => r.url.searchParams.get('productType') === type;
  return [
    ['fetchTime', () => ex.fetchTime()],
    ['fetchMarkets', () => ex.fetchMarkets(), productType('USDT-FUTURES')],
    ['fetchMarkets:SUSDT-FUTURES', () => ex.fetchMarkets(), productType('SUSDT-FUTURES')],
    ['fetchTicker', () => ex.fetchTicker(S)],
    ['fetchTickers', () => ex.fetchTickers(undefined, {type: 'swap'})],
    ['fetchOHLCV:recent', () => ex.fetchOHLCV(S, '1h', undefined, 100)],
    ['fetchOHLCV:old', () => ex.fetchOHLCV(S, '1h', kNow - 200 * kDay, 100)],
    ['fetchOHLCV:mark', () => ex.fetchOHLCV(S, '4h', undefined, 500, {price: 'mark'})],
    ['fetchOHLCV:mark-old', () => ex.fetchOHLCV(S, '1h', kNow - 200 * kDay, 100,
        {price: 'mark'})],
    ['fetchOHLCV:index-old', () => ex.fetchOHLCV(S, '15m', kNow - 100 * kDay, 50,
        {price: 'index'})],
    ['fetchOrderBook', () => ex.fetchOrderBook(S, 5)],
    ['fetchOpenInterest', () => ex.fetchOpenInterest(S)],
    ['fetchFundingRate', () => ex.fetchFundingRate(S)],
    ['fetchFundingRateHistory', () => ex.fetchFundingRateHistory(S, undefined, 50)],
    ['fetchBalance', () => ex.fetchBalance({type: 'swap'})],
    ['fetchLeverage', () => ex.fetchLeverage(S)],
    ['fetchMarginMode', () => ex.fetchMarginMode(S)],
    ['setLeverage', () => ex.setLeverage(10, S)],
    ['setLeverage:holdSide', () => ex.setLeverage(5, S, {holdSide: 'long'})],
    ['setMarginMode:isolated', () => ex.setMarginMode('isolated', S)],
    ['setMarginMode:cross', () => ex.setMarginMode('cross', S)],
    ['setPositionMode:hedge', () => ex.setPositionMode(true, S)],
    ['setPositionMode:one-way', () => ex.setPositionMode(false, S)],
    ['createOrder:limit', () => ex.createOrder(S, 'limit', 'buy', 0.001, 25000,
        {clientOrderId: 'bgt-o-1'})],
    ['createOrder:market', () => ex.createOrder(S, 'market', 'sell', 0.002, undefined,
        {clientOrderId: 'bgt-o-2', marginMode: 'isolated'})],
    ['createOrder:post_only', () => ex.createOrder(S, 'limit', 'sell', 0.002, 26000.5,
        {clientOrderId: 'bgt-o-3', postOnly: true})],
    ['createOrder:ioc', () => ex.createOrder(S, 'limit', 'buy', 0.002, 26000,
        {clientOrderId: 'bgt-o-4', timeInForce: 'IOC'})],
    ['createOrder:fok', () => ex.createOrder(S, 'limit', 'buy', 0.002, 26000,
        {clientOrderId: 'bgt-o-5', timeInForce: 'FOK'})],
    ['createOrder:reduceOnly', () => ex.createOrder(S, 'market', 'sell', 0.002, undefined,
        {clientOrderId: 'bgt-o-6', reduceOnly: true})],
    ['createOrder:hedged-open-long', () => ex.createOrder(S, 'market', 'buy', 0.002, undefined,
        {clientOrderId: 'bgt-o-7', hedged: true})],
    ['createOrder:hedged-open-short', () => ex.createOrder(S, 'limit', 'sell', 0.002, 27000,
        {clientOrderId: 'bgt-o-8', hedged: true})],
    ['createOrder:hedged-close-long', () => ex.createOrder(S, 'market', 'sell', 0.002, undefined,
        {clientOrderId: 'bgt-o-9', hedged: true, reduceOnly: true})],
    ['createOrder:hedged-close-short', () => ex.createOrder(S, 'market', 'buy', 0.002, undefined,
        {clientOrderId: 'bgt-o-10', hedged: true, reduceOnly: true})],
    ['createOrder:tp-sl', () => ex.createOrder(S, 'limit', 'buy', 0.002, 25000,
        {clientOrderId: 'bgt-o-11', takeProfit: {triggerPrice: 27000, price: 26900},
          stopLoss: {triggerPrice: 24000}})],
    ['cancelOrder:id', () => ex.cancelOrder('1112196299005526018', S)],
    ['cancelOrder:clientOrderId', () => ex.cancelOrder(undefined, S,
        {clientOrderId: 'bgt-o-1'})],
    ['cancelOrders', () => ex.cancelOrders(['1', '2'], S)],
    ['cancelAllOrders', () => ex.cancelAllOrders(S)],
    ['closePosition', () => ex.closePosition(S, 'long')],
    ['closeAllPositions', () => ex.closeAllPositions()],
    ['fetchOrder:id', () => ex.fetchOrder('1112196299005526018', S)],
    ['fetchOrder:clientOrderId', () => ex.fetchOrder(undefined, S, {clientOrderId: 'bgt-o-1'})],
    ['fetchOpenOrders', () => ex.fetchOpenOrders(S)],
    ['fetchOpenOrders:since', () => ex.fetchOpenOrders(S, kNow - 3600000, 50)],
    ['fetchClosedOrders', () => ex.fetchClosedOrders(S, kNow - 3600000, 50)],
    ['fetchMyTrades', () => ex.fetchMyTrades(S, kNow - 3600000, 50)],
    ['fetchPositions', () => ex.fetchPositions()],
    ['fetchPosition', () => ex.fetchPosition(S)],
    ['createOrder:stopLossPrice', () => ex.createOrder(S, 'market', 'sell', 0.002, undefined,
        {stopLossPrice: 24000})],
    ['createOrder:takeProfitPrice-hedged', () => ex.createOrder(S, 'market', 'buy', 0.002,
        undefined, {takeProfitPrice: 24000, hedged: true})],
    ['createOrder:takeProfitPrice-limit', () => ex.createOrder(S, 'limit', 'sell', 0.002,
        27900, {takeProfitPrice: 28000})],
    ['fetchOpenOrders:trigger', () => ex.fetchOpenOrders(S, undefined, undefined,
        {trigger: true})],
    ['fetchOpenOrders:profit_loss', () => ex.fetchOpenOrders(S, undefined, undefined,
        {trigger: true, planType: 'profit_loss'})],
    ['cancelOrder:trigger', () => ex.cancelOrder('55', S, {trigger: true})],
    ['cancelOrder:trigger-pos_loss', () => ex.cancelOrder('55', S,
        {trigger: true, planType: 'pos_loss'})],
    ['cancelOrder:trigger-clientOrderId', () => ex.cancelOrder(undefined, S,
        {trigger: true, clientOrderId: 'bgt-sl-1'})],
  ];
}

async function Capture() {
  const recorder = [];
  const ex = NewExchange(recorder);
  await ex.loadMarkets();
  const lines = [];
  for (const [name, call, pick] of Calls(ex)) {
    recorder.length = 0;
    await call();
    const matching = pick === undefined ? recorder : recorder.filter(pick);
    if (matching.length !== 1) {
      throw new Error(`${name}: ccxt sent ${matching.length} matching requests, expected 1`);
    }
    const {url, method, body} = matching[0];
    const params = method === 'GET' ? Object.fromEntries(url.searchParams) :
      JSON.parse(body === undefined ? '{}' : body);
    lines.push(JSON.stringify({name, method, path: url.pathname, params}));
  }
  process.stdout.write(lines.join('\n') + '\n');
}

function Verify(file) {
  const ex = NewExchange([]);
  const lines = [];
  for (const text of fs.readFileSync(file, 'utf8').split('\n')) {
    if (text === '') continue;
    const r = JSON.parse(text);
    ex.secret = r.secret;
    ex.milliseconds = ex.nonce = () => r.ts;
    const params = r.method === 'GET' ? Object.fromEntries(new URLSearchParams(r.query)) :
      JSON.parse(r.body);
    const api = [r.private ? 'private' : 'public',
      r.path.startsWith('/api/v2/public/') ? 'common' : 'mix'];
    const signed = ex.sign(r.path.slice('/api/'.length), api, r.method, params);
    const url = new URL(signed.url);
    const sign = signed.headers === undefined ? '' : signed.headers['ACCESS-SIGN'];
    lines.push(JSON.stringify({name: r.name, target: url.pathname + url.search,
      body: signed.body === undefined ? '' : signed.body, sign: sign === undefined ? '' : sign}));
  }
  process.stdout.write(lines.join('\n') + '\n');
}

(async () => {
  if (process.argv[2] === '--verify') {
    if (process.argv.length !== 4) throw new Error('usage: ccxt_requests.js --verify <file>');
    Verify(process.argv[3]);
  } else {
    await Capture();
  }
})().catch((e) => {
  process.stderr.write(`ccxt_requests.js: ${e.stack || e}\n`);
  process.exit(1);
});
