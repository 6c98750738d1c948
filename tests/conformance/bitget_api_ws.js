#!/usr/bin/env node
// bitget-api (npm, the repo's pinned node_modules) WebSocket conformance against bgt's emulator
// gateway in single-URL mode (the client's `wsUrl` override): login must emit `authenticated`
// (it requires a numeric code 0), a public `ticker` and `books` subscription must deliver
// snapshot pushes, and a private `orders` subscription must be acknowledged.
// With --private <rest-url> (a full emulator), it also trades over REST (RestClientV2) and checks
// the private pushes: `orders` (the new limit order live, then canceled), `positions` (a long of
// the filled size after a market buy), `fill` (the market order's fill) and `account`.
// Usage: node bitget_api_ws.js <ws-url> [--private <rest-url>] [api-key secret passphrase]
// Prints "ok <step>" per step and "passed <n> steps"; exit 1 names the failing step on stderr;
// exit 2: bitget-api cannot be loaded.
'use strict';

const {loadRepoPackage} = require('../oracles/repo_package');
const {Session, check, decEq} = require('./session');

const {WebsocketClientV2, RestClientV2} = loadRepoPackage('bitget-api', 'bitget_api_ws.js');

const argv = process.argv.slice(2);
const wsUrl = argv.shift();
let restUrl;
if (argv[0] === '--private') {
  argv.shift();
  restUrl = argv.shift();
}
const [apiKey = 'bgt-test-key', apiSecret = 'bgt-test-secret',
       apiPass = 'bgt-test-passphrase'] = argv;
if (!wsUrl || (restUrl !== undefined && !restUrl.startsWith('http'))) {
  process.stderr.write('usage: bitget_api_ws.js <ws-url> [--private <rest-url>] [key secret pass]\n');
  process.exit(1);
}

const productType = 'USDT-FUTURES';
const symbol = 'BTCUSDT';
const marginCoin = 'USDT';

// Resolves with the first event that `accept` takes; events seen before the wait started are
// kept, so a push that races ahead of its wait is not lost.
class EventLog {
  constructor() {
    this.events = [];
    this.waiters = [];
  }
  add(event) {
    this.events.push(event);
    this.waiters = this.waiters.filter((w) => !w.accept(event) || (w.resolve(event), false));
  }
  wait(accept) {
    const seen = this.events.find(accept);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({accept, resolve}));
  }
}

async function main() {
  const s = new Session('bitget_api_ws.js', 45000);
  const silent = {trace: () => {}, info: () => {}, error: () => {}};
  const client = new WebsocketClientV2({apiKey, apiSecret, apiPass, wsUrl}, silent);
  s.cleanup.push(() => client.closeAll(true));
  const log = new EventLog();
  client.on('authenticated', () => log.add({kind: 'authenticated'}));
  client.on('update', (event) => log.add({kind: 'update', event}));
  client.on('response', (event) => {
    if (event.event === 'error') s.fail(s.current, new Error(`error event ${JSON.stringify(event)}`));
    log.add({kind: 'response', event});
  });
  client.on('exception', (event) => s.fail(s.current, new Error(`exception ${JSON.stringify(event)}`)));
  const pushOf = (channel, pred = () => true) => (e) => e.kind === 'update' &&
      e.event.arg && e.event.arg.channel === channel && Array.isArray(e.event.data) &&
      pred(e.event.data, e.event);

  client.subscribeTopic(productType, 'ticker', symbol);
  client.subscribeTopic(productType, 'books', symbol);
  client.subscribeTopic(productType, 'orders');
  if (restUrl) {
    client.subscribeTopic(productType, 'positions');
    client.subscribeTopic(productType, 'fill');
    client.subscribeTopic(productType, 'account');
  }

  await s.step('authenticated', () => log.wait((e) => e.kind === 'authenticated'));
  await s.step('ticker', () => log.wait(pushOf('ticker', (d) => d[0] &&
      d[0].instId === symbol && typeof d[0].lastPr === 'string' &&
      Number(d[0].bidPr) < Number(d[0].askPr))));
  await s.step('books', () => log.wait(pushOf('books', (d, ev) => ev.action === 'snapshot' &&
      d[0].bids.length > 0 && d[0].asks.length > 0 && typeof d[0].checksum === 'number')));
  await s.step('orders-ack', () => log.wait((e) => e.kind === 'response' &&
      e.event.event === 'subscribe' && e.event.arg && e.event.arg.channel === 'orders'));
  if (!restUrl) return s.finish();

  for (const channel of ['positions', 'fill', 'account']) {
    await s.step(`${channel}-ack`, () => log.wait((e) => e.kind === 'response' &&
        e.event.event === 'subscribe' && e.event.arg && e.event.arg.channel === channel));
  }
  const rest = new RestClientV2({apiKey, apiSecret, apiPass, baseUrl: restUrl});
  await rest.setFuturesPositionMode({productType, posMode: 'one_way_mode'});
  const ticker = (await rest.getFuturesTicker({productType, symbol})).data[0];
  const price = (Math.floor(Number(ticker.bidPr) * 0.97)).toFixed(1);
  const placed = (await rest.futuresSubmitOrder({productType, symbol, marginCoin,
    marginMode: 'crossed', side: 'buy', orderType: 'limit', price, size: '0.01',
    clientOid: 'bga-ws-1'})).data;
  await s.step('orders push: live', () => log.wait(pushOf('orders', (d) => d.some((o) =>
      o.orderId === placed.orderId && o.status === 'live' && o.clientOid === 'bga-ws-1' &&
      o.instId === symbol && decEq(o.size, '0.01')))));
  await rest.futuresCancelOrder({productType, symbol, marginCoin, orderId: placed.orderId});
  await s.step('orders push: canceled', () => log.wait(pushOf('orders', (d) => d.some((o) =>
      o.orderId === placed.orderId && o.status === 'canceled'))));
  const bought = (await rest.futuresSubmitOrder({productType, symbol, marginCoin,
    marginMode: 'crossed', side: 'buy', orderType: 'market', size: '0.01'})).data;
  await s.step('orders push: filled', () => log.wait(pushOf('orders', (d) => d.some((o) =>
      o.orderId === bought.orderId && o.status === 'filled' && decEq(o.accBaseVolume, '0.01')))));
  await s.step('fill push', () => log.wait(pushOf('fill', (d) => d.some((f) =>
      f.orderId === bought.orderId && Number(f.baseVolume) > 0))));
  await s.step('positions push: long 0.01', () => log.wait(pushOf('positions', (d) => d.some((p) =>
      p.instId === symbol && p.holdSide === 'long' && decEq(p.total, '0.01')))));
  await s.step('account push', () => log.wait(pushOf('account', (d) => d.some((a) =>
      a.marginCoin === marginCoin && Number(a.available) > 0))));
  const flatFrom = log.events.length;
  await rest.futuresFlashClosePositions({productType, symbol});
  await s.step('positions push: flat', () => log.wait((e) => log.events.indexOf(e) >= flatFrom &&
      pushOf('positions', (d) => !d.some((p) => p.instId === symbol))(e)));
  return s.finish();
}

main().catch((e) => {
  process.stderr.write(`bitget_api_ws.js: ${e.stack || JSON.stringify(e)}\n`);
  process.exit(1);
});
