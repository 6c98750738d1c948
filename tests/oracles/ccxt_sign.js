#!/usr/bin/env node
// Signing oracle for src/bitget/ccxt_sign_oracle_test.cpp: asks ccxt (the pinned version in the
// repo's node_modules) to sign a fixed set of Bitget v2 private requests, offline, and prints one
// JSON object per line:
//   {"ts":<ms>,"demo":bool,"api_key","secret","passphrase","method","path","query","body",
//    "sign","headers":{...}}
// path/query are taken from the URL ccxt built; body is the exact string ccxt would send ("" for
// GET). Deterministic: fixed credentials and a fixed nonce per request; ccxt's sign() does no I/O.
// Exit status: 0 on success, 2 when ccxt cannot be loaded, 1 on any other failure.
'use strict';

const {loadRepoPackage} = require('./repo_package');

const ccxt = loadRepoPackage('ccxt', 'ccxt_sign.js');

// Test-only credentials (not real keys). kDoc and kDeps are the secrets of the documented
// vectors (bitget-api.md §4.2, deps.md §3), so those requests reproduce the documented signs.
const kMain = {apiKey: 'bg_5f1d2c3b4a5e6f708192a3b4c5d6e7f8', secret:
  '0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff', password: 'Oracle-Pass_42'};
const kDoc = {apiKey: 'testkey', secret: 'testsecret', password: 'testpass'};
const kDeps = {apiKey: 'test-key', secret: 'test-secret', password: 'test-pass'};

const P = 'USDT-FUTURES';
// [ts, method, ccxt path, params, options]
const kRequests = [
  // GET with sorted multi-param queries (ccxt sorts keys itself; given here unsorted on purpose).
  [1700000000000, 'GET', 'v2/mix/account/account',
   {symbol: 'BTCUSDT', productType: P, marginCoin: 'USDT'}, {creds: kDoc}],
  [1695806875837, 'GET', 'v2/mix/account/accounts', {productType: P}, {creds: kDeps}],
  [1782983994798, 'GET', 'v2/mix/position/all-position', {productType: P, marginCoin: 'USDT'}],
  [1782983995001, 'GET', 'v2/mix/position/single-position',
   {symbol: 'ETHUSDT', productType: P, marginCoin: 'USDT'}],
  [1782983995117, 'GET', 'v2/mix/order/detail',
   {symbol: 'BTCUSDT', productType: P, clientOid: 'bgt-20260702-000001'}],
  [1782983995203, 'GET', 'v2/mix/order/orders-pending',
   {productType: P, symbol: 'SOLUSDT', status: 'live', limit: '100', idLessThan: '1120923953904893955'}],
  [1782983995399, 'GET', 'v2/mix/order/orders-history',
   {productType: P, startTime: '1782900000000', endTime: '1782983995399', limit: '50'}],
  [1782983995402, 'GET', 'v2/mix/order/fills',
   {productType: P, symbol: 'XRPUSDT', orderId: '1120923953904893955', limit: '100'}],
  [1782983995555, 'GET', 'v2/mix/order/orders-plan-pending',
   {productType: P, planType: 'normal_plan', symbol: 'DOGEUSDT'}],
  // GET without params: no '?' anywhere.
  [1782983995600, 'GET', 'v2/mix/position/all-position', {}],
  [1782983995601, 'GET', 'v2/mix/account/accounts', {}, {creds: kDoc}],
  // POST place-order, one-way.
  [1700000000000, 'POST', 'v2/mix/order/place-order',
   {symbol: 'BTCUSDT', productType: P, marginMode: 'crossed', marginCoin: 'USDT', size: '0.001',
    price: '25000', side: 'buy', orderType: 'limit', force: 'gtc', clientOid: 'test-1'},
   {creds: kDoc}],
  [1695806875837, 'POST', 'v2/mix/order/place-order',
   {symbol: 'BTCUSDT', productType: P, marginMode: 'isolated', marginCoin: 'USDT', size: '0.001',
    side: 'buy', orderType: 'market'}, {creds: kDeps}],
  [1782983996010, 'POST', 'v2/mix/order/place-order',
   {symbol: 'ETHUSDT', orderType: 'limit', price: '3812.45', force: 'post_only', marginCoin: 'USDT',
    size: '0.25', productType: P, marginMode: 'crossed', reduceOnly: 'YES', side: 'sell',
    clientOid: 'bgt-20260702-000002'}],
  // Hedge mode: tradeSide open/close.
  [1782983996020, 'POST', 'v2/mix/order/place-order',
   {symbol: 'BTCUSDT', orderType: 'market', force: 'GTC', marginCoin: 'USDT', size: '0.010',
    productType: P, marginMode: 'isolated', tradeSide: 'open', side: 'buy',
    clientOid: 'bgt-20260702-000003'}],
  [1782983996030, 'POST', 'v2/mix/order/place-order',
   {symbol: 'BTCUSDT', orderType: 'market', force: 'GTC', marginCoin: 'USDT', size: '0.010',
    productType: P, marginMode: 'isolated', tradeSide: 'Close', side: 'sell'}],
  // Preset TP/SL with execute prices, stpMode, IOC.
  [1782983996040, 'POST', 'v2/mix/order/place-order',
   {symbol: 'LTCUSDT', orderType: 'limit', price: '100', force: 'ioc', marginCoin: 'USDT',
    size: '0.2', productType: P, presetStopLossPrice: '90', presetStopLossExecutePrice: '89',
    presetStopSurplusPrice: '120', presetStopSurplusExecutePrice: '119', marginMode: 'crossed',
    side: 'buy', stpMode: 'cancel_taker', clientOid: 'bgt_tp_sl.0001'}],
  // Cancel by orderId and by clientOid.
  [1782983996050, 'POST', 'v2/mix/order/cancel-order',
   {symbol: 'BTCUSDT', orderId: '1112196299005526018', productType: P}],
  [1782983996060, 'POST', 'v2/mix/order/cancel-order',
   {symbol: 'ETHUSDT', productType: P, marginCoin: 'USDT', clientOid: 'bgt-20260702-000002'}],
  // Leverage, margin mode, position mode.
  [1782983996070, 'POST', 'v2/mix/account/set-leverage',
   {symbol: 'BTCUSDT', productType: P, marginCoin: 'USDT', leverage: '20', holdSide: 'long'}],
  [1782983996080, 'POST', 'v2/mix/account/set-margin-mode',
   {symbol: 'SOLUSDT', productType: P, marginCoin: 'USDT', marginMode: 'isolated'}],
  [1782983996090, 'POST', 'v2/mix/account/set-position-mode',
   {productType: P, posMode: 'hedge_mode'}],
  // Batch cancel with arrays (ids and objects).
  [1782983996100, 'POST', 'v2/mix/order/batch-cancel-orders',
   {symbol: 'BTCUSDT', productType: P, marginCoin: 'USDT',
    orderIdList: [{orderId: '1120923953904893955'}, {clientOid: 'bgt-20260702-000004'},
                  {orderId: '1120923953904893957', clientOid: 'bgt-20260702-000005'}]}],
  [1782983996110, 'POST', 'v2/mix/order/batch-cancel-orders', {symbol: 'BTCUSDT', productType: P}],
  [1782983996120, 'POST', 'v2/mix/order/cancel-all-orders',
   {productType: P, marginCoin: 'USDT', requestTime: '1782983996120', receiveWindow: '5000'}],
  // Close positions: one side, one symbol, everything.
  [1782983996130, 'POST', 'v2/mix/order/close-positions',
   {symbol: 'BTCUSDT', productType: P, holdSide: 'short'}],
  [1782983996140, 'POST', 'v2/mix/order/close-positions', {productType: P}],
  // Plan orders: trigger order with TP/SL, TP/SL order, cancel plan, modify.
  [1782983996150, 'POST', 'v2/mix/order/place-plan-order',
   {planType: 'normal_plan', symbol: 'BTCUSDT', productType: P, marginMode: 'crossed',
    marginCoin: 'USDT', size: '0.005', price: '61000', callbackRatio: '', triggerPrice: '60950.5',
    triggerType: 'mark_price', side: 'buy', tradeSide: 'open', orderType: 'limit',
    clientOid: 'bgt-plan-0001', reduceOnly: 'NO', stopSurplusTriggerPrice: '65000',
    stopSurplusExecutePrice: '0', stopSurplusTriggerType: 'fill_price',
    stopLossTriggerPrice: '59000', stopLossExecutePrice: '0', stopLossTriggerType: 'mark_price'}],
  [1782983996160, 'POST', 'v2/mix/order/place-tpsl-order',
   {marginCoin: 'USDT', productType: P, symbol: 'ETHUSDT', planType: 'pos_loss',
    triggerPrice: '3500', triggerType: 'mark_price', executePrice: '0', holdSide: 'long',
    size: '', clientOid: 'bgt-tpsl-0001'}],
  [1782983996170, 'POST', 'v2/mix/order/cancel-plan-order',
   {productType: P, symbol: 'BTCUSDT', marginCoin: 'USDT', planType: 'normal_plan',
    orderIdList: [{orderId: '1120923953904893999', clientOid: ''}]}],
  [1782983996180, 'POST', 'v2/mix/order/modify-order',
   {orderId: '1112196299005526018', symbol: 'BTCUSDT', productType: P, marginCoin: 'USDT',
    newClientOid: 'bgt-20260702-000006', newSize: '0.002', newPrice: '25100',
    newPresetStopSurplusPrice: '27000', newPresetStopLossPrice: '24000'}],
  // Batch place with a nested order list.
  [1782983996190, 'POST', 'v2/mix/order/batch-place-order',
   {symbol: 'BTCUSDT', productType: P, marginCoin: 'USDT', marginMode: 'crossed',
    orderList: [
      {size: '0.001', price: '25000', side: 'buy', orderType: 'limit', force: 'gtc',
       clientOid: 'bgt-batch-1'},
      {size: '0.002', side: 'sell', orderType: 'market', reduceOnly: 'YES',
       clientOid: 'bgt-batch-2'}]}],
  // Demo trading (ccxt adds PAPTRADING: 1 in sandbox mode).
  [1782983996200, 'POST', 'v2/mix/order/place-order',
   {symbol: 'BTCUSDT', productType: P, marginMode: 'crossed', marginCoin: 'USDT', size: '0.001',
    side: 'buy', orderType: 'market', clientOid: 'bgt-demo-1'}, {demo: true}],
  [1782983996210, 'GET', 'v2/mix/account/accounts', {productType: P}, {demo: true}],
];

function SignOne([ts, method, ccxtPath_, params, options = {}]) {
  const creds = options.creds || kMain;
  const demo = options.demo === true;
  const ex = new ccxt.bitget({apiKey: creds.apiKey, secret: creds.secret,
                              password: creds.password});
  ex.setSandboxMode(demo);
  ex.milliseconds = ex.nonce = () => ts;
  const signed = ex.sign(ccxtPath_, ['private', 'mix'], method, params);
  const url = new URL(signed.url);
  const query = url.search.startsWith('?') ? url.search.slice(1) : url.search;
  // ccxt signs the raw query and sends the percent-encoded one; they agree only for ASCII-safe
  // parameters, which is what this oracle must use.
  if (decodeURIComponent(query) !== query) {
    throw new Error(`request ${method} ${ccxtPath_}: query ${query} is not ASCII-safe`);
  }
  const body = signed.body === undefined ? '' : signed.body;
  if (typeof body !== 'string') throw new Error(`request ${ccxtPath_}: body is not a string`);
  return {ts, demo, api_key: creds.apiKey, secret: creds.secret, passphrase: creds.password,
          method, path: url.pathname, query, body, sign: signed.headers['ACCESS-SIGN'],
          headers: signed.headers};
}

try {
  const lines = kRequests.map((r) => JSON.stringify(SignOne(r)));
  process.stdout.write(lines.join('\n') + '\n');
} catch (e) {
  process.stderr.write(`ccxt_sign.js: ${e.stack || e}\n`);
  process.exit(1);
}
