#!/usr/bin/env node
// bitget-api (npm RestClientV2, the repo's pinned node_modules) REST conformance against bgt's
// emulator through the client's `baseUrl` option: contracts, tickers, candles, depth, open
// interest, funding, account, leverage, margin and position mode, place / read / cancel /
// cancel-all orders, fills, positions and flash close — with the numbers checked: position size
// = filled size, wallet balance moved by exactly the fee (exact decimals), and a Bitget error
// envelope (code, msg) on a refused call.
// Usage: node bitget_api_rest.js <rest-url> [api-key secret passphrase]
// Prints "ok <step>" per step and "passed <n> steps"; exit 1 names the failing step on stderr;
// exit 2: bitget-api cannot be loaded.
'use strict';

const {loadRepoPackage} = require('../oracles/repo_package');
const {Session, check, dec, decAdd, decSub, decEq, decStr} = require('./session');

const {RestClientV2} = loadRepoPackage('bitget-api', 'bitget_api_rest.js');

const [baseUrl, apiKey = 'bgt-test-key', apiSecret = 'bgt-test-secret',
       apiPass = 'bgt-test-passphrase'] = process.argv.slice(2);
if (!baseUrl) {
  process.stderr.write('usage: bitget_api_rest.js <rest-url> [api-key secret passphrase]\n');
  process.exit(1);
}

const productType = 'USDT-FUTURES';
const symbol = 'BTCUSDT';
const marginCoin = 'USDT';
const size = '0.01';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const isOk = (r) => r && r.code === '00000' && r.msg === 'success' && typeof r.requestTime === 'number';

async function wallet(client) {
  const r = await client.getFuturesAccountAssets({productType});
  const entry = r.data.find((e) => e.marginCoin === marginCoin);
  check(entry !== undefined, 'USDT account listed');
  return decSub(entry.accountEquity, entry.unrealizedPL);
}

async function main() {
  const s = new Session('bitget_api_rest.js', 90000);
  const client = new RestClientV2({apiKey, apiSecret, apiPass, baseUrl});

  await s.step('getServerTime', async () => {
    const r = await client.getServerTime();
    check(isOk(r) && Math.abs(Number(r.data.serverTime) - Date.now()) < 5000, 'server time');
  });
  const contract = await s.step('getFuturesContractConfig', async () => {
    const r = await client.getFuturesContractConfig({productType});
    check(isOk(r) && r.data.length >= 20, 'at least 20 contracts');
    const btc = r.data.find((c) => c.symbol === symbol);
    check(btc && btc.symbolType === 'perpetual' && btc.symbolStatus === 'normal', 'BTCUSDT row');
    return btc;
  });
  const ticker = await s.step('getFuturesTicker', async () => {
    const r = await client.getFuturesTicker({productType, symbol});
    const t = r.data[0];
    check(isOk(r) && t.symbol === symbol && Number(t.bidPr) < Number(t.askPr), 'bid < ask');
    return t;
  });
  await s.step('getFuturesAllTickers', async () => {
    const r = await client.getFuturesAllTickers({productType});
    check(isOk(r) && r.data.length >= 20 && r.data.some((t) => t.symbol === 'ETHUSDT'),
          'all tickers');
  });
  await s.step('getFuturesCandles', async () => {
    const r = await client.getFuturesCandles({productType, symbol, granularity: '1H', limit: '24'});
    check(isOk(r) && r.data.length === 24, `24 bars, got ${r.data.length}`);
    for (const row of r.data) {
      check(row.length >= 6 && row.every((v) => typeof v === 'string'), 'string rows');
      const [, o, h, l, c] = row.map(Number);
      check(l <= Math.min(o, c) && h >= Math.max(o, c), 'OHLC consistent');
    }
  });
  await s.step('getFuturesHistoricCandles', async () => {
    const end = Math.floor(Date.now() / 3600000) * 3600000 - 24 * 3600000;
    const r = await client.getFuturesHistoricCandles(
        {productType, symbol, granularity: '1H', endTime: String(end), limit: '10'});
    check(isOk(r) && r.data.length === 10, `10 bars, got ${r.data.length}`);
    check(Number(r.data[r.data.length - 1][0]) <= end, 'bars end at endTime');
  });
  await s.step('getFuturesMergeDepth', async () => {
    const r = await client.getFuturesMergeDepth({productType, symbol, limit: '15'});
    check(isOk(r) && r.data.bids.length === 15 && r.data.asks.length === 15, '15 levels a side');
    check(Number(r.data.bids[0][0]) < Number(r.data.asks[0][0]), 'not crossed');
  });
  await s.step('getFuturesOpenInterest', async () => {
    const r = await client.getFuturesOpenInterest({productType, symbol});
    check(isOk(r) && Number(r.data.openInterestList[0].size) > 0, 'open interest');
  });
  await s.step('getFuturesCurrentFundingRate', async () => {
    const r = await client.getFuturesCurrentFundingRate({productType, symbol});
    check(isOk(r) && r.data[0].symbol === symbol && dec(r.data[0].fundingRate) !== undefined,
          'funding rate');
  });
  await s.step('getFuturesAccountAsset', async () => {
    const r = await client.getFuturesAccountAsset({productType, symbol, marginCoin});
    check(isOk(r) && r.data.marginCoin === marginCoin && Number(r.data.available) > 0,
          'account');
  });
  await s.step('setFuturesLeverage', async () => {
    const r = await client.setFuturesLeverage({productType, symbol, marginCoin, leverage: '7'});
    check(isOk(r) && r.data.crossMarginLeverage === '7', 'leverage 7');
  });
  await s.step('setFuturesMarginMode', async () => {
    const r = await client.setFuturesMarginMode(
        {productType, symbol, marginCoin, marginMode: 'crossed'});
    check(isOk(r) && r.data.marginMode === 'crossed', 'crossed');
  });
  await s.step('setFuturesPositionMode', async () => {
    const r = await client.setFuturesPositionMode({productType, posMode: 'one_way_mode'});
    check(isOk(r) && r.data.posMode === 'one_way_mode', 'one way');
  });

  // 200 price steps (priceEndStep ticks of 10^-pricePlace) under the bid: rests, valid price.
  const step = {units: BigInt(contract.priceEndStep), scale: Number(contract.pricePlace)};
  const farBid = decStr(decSub(ticker.bidPr, {units: step.units * 200n, scale: step.scale}));
  const placed = await s.step('futuresSubmitOrder limit', async () => {
    const r = await client.futuresSubmitOrder({productType, symbol, marginCoin,
      marginMode: 'crossed', side: 'buy', orderType: 'limit', price: farBid, size,
      clientOid: 'bga-limit-1'});
    check(isOk(r) && r.data.clientOid === 'bga-limit-1' && r.data.orderId, 'ack');
    return r.data;
  });
  await s.step('getFuturesOrder', async () => {
    const r = await client.getFuturesOrder({productType, symbol, orderId: placed.orderId});
    check(isOk(r) && r.data.state === 'live' && decEq(r.data.price, farBid) &&
              decEq(r.data.size, size), `live order read back: ${JSON.stringify(r.data)}`);
  });
  await s.step('getFuturesOpenOrders', async () => {
    const r = await client.getFuturesOpenOrders({productType, symbol});
    check(isOk(r) && r.data.entrustedList.length === 1 &&
              r.data.entrustedList[0].orderId === placed.orderId, 'one open order');
  });
  await s.step('futuresCancelOrder', async () => {
    const r = await client.futuresCancelOrder({productType, symbol, marginCoin,
                                               clientOid: 'bga-limit-1'});
    check(isOk(r) && r.data.orderId === placed.orderId, 'canceled');
  });
  await s.step('futuresCancelAllOrders', async () => {
    for (let i = 0; i < 2; ++i) {
      await client.futuresSubmitOrder({productType, symbol, marginCoin, marginMode: 'crossed',
        side: 'buy', orderType: 'limit', price: farBid, size});
    }
    const r = await client.futuresCancelAllOrders({productType, marginCoin});
    check(isOk(r) && r.data.successList.length === 2, 'two canceled');
    const open = await client.getFuturesOpenOrders({productType});
    check(open.data.entrustedList.length === 0, 'none open');
  });
  await s.step('refused call keeps the Bitget envelope', async () => {
    let error;
    try {
      await client.futuresCancelOrder({productType, symbol, marginCoin, orderId: '123'});
    } catch (e) {
      error = e;
    }
    check(error && error.code === 400 && error.body && error.body.code === '40768' &&
              typeof error.body.msg === 'string' && error.body.data === null,
          `40768 envelope, got ${JSON.stringify(error && error.body)}`);
  });

  const before = await wallet(client);
  const market = await s.step('futuresSubmitOrder market', async () => {
    const r = await client.futuresSubmitOrder({productType, symbol, marginCoin,
      marginMode: 'crossed', side: 'buy', orderType: 'market', size});
    check(isOk(r), 'ack');
    const d = await client.getFuturesOrder({productType, symbol, orderId: r.data.orderId});
    check(d.data.state === 'filled' && decEq(d.data.baseVolume, size), 'filled');
    return d.data;
  });
  await s.step('getFuturesFills', async () => {
    const r = await client.getFuturesFills({productType, symbol, orderId: market.orderId});
    check(isOk(r) && r.data.fillList.length > 0, 'fills');
    let filled = dec('0');
    let fee = dec('0');
    for (const f of r.data.fillList) {
      filled = decAdd(filled, f.baseVolume);
      for (const d of f.feeDetail) fee = decAdd(fee, d.totalFee);
    }
    check(decEq(filled, size) && decEq(fee, market.fee), 'fills add up to the order');
  });
  await s.step('getFuturesPositions (size = filled)', async () => {
    const r = await client.getFuturesPositions({productType, marginCoin});
    check(isOk(r) && r.data.length === 1 && r.data[0].holdSide === 'long' &&
              decEq(r.data[0].total, market.baseVolume), 'one long of the filled size');
  });
  await s.step('balance moved by the fee', async () => {
    const now = await wallet(client);
    check(decEq(decSub(now, before), market.fee),
          `wallet ${decStr(before)} -> ${decStr(now)}, fee ${market.fee}`);
  });
  await s.step('futuresFlashClosePositions', async () => {
    const r = await client.futuresFlashClosePositions({productType, symbol});
    check(isOk(r) && r.data.successList.length === 1, 'one closed');
    const p = await client.getFuturesPositions({productType, marginCoin});
    check(p.data.length === 0, 'flat');
  });
  await s.step('nothing to close (22002)', async () => {
    await sleep(1100);  // close-positions allows 1 request/s
    let error;
    try {
      await client.futuresFlashClosePositions({productType, symbol});
    } catch (e) {
      error = e;
    }
    check(error && error.body && error.body.code === '22002',
          `22002, got ${JSON.stringify(error && error.body)}`);
  });
  await s.finish();
}

main().catch((e) => {
  process.stderr.write(`bitget_api_rest.js: ${e.stack || JSON.stringify(e)}\n`);
  process.exit(1);
});
