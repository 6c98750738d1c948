#!/usr/bin/env node
// bitget-api (npm, the repo's pinned node_modules) WebSocket conformance against bgt's emulator
// gateway in single-URL mode (the client's `wsUrl` override): login must emit `authenticated`
// (it requires a numeric code 0), a public `ticker` and `books` subscription must deliver
// snapshot pushes, and a private `orders` subscription must be acknowledged.
// Usage: node bitget_api_ws.js <ws-url> [api-key secret passphrase]
// Prints "ok <step>" per step and exits 0; exits 1 with the failing step on stderr (or after a
// 15 s timeout); exit 2: bitget-api cannot be loaded.
'use strict';

const {loadRepoPackage} = require('../oracles/repo_package');

const {WebsocketClientV2} = loadRepoPackage('bitget-api', 'bitget_api_ws.js');

const [wsUrl, apiKey = 'bgt-test-key', apiSecret = 'bgt-test-secret',
       apiPass = 'bgt-test-passphrase'] = process.argv.slice(2);
if (!wsUrl) {
  process.stderr.write('usage: bitget_api_ws.js <ws-url> [api-key secret passphrase]\n');
  process.exit(1);
}

const silent = {trace: () => {}, info: () => {}, error: () => {}};
const client = new WebsocketClientV2({apiKey, apiSecret, apiPass, wsUrl}, silent);
const pending = new Set(['authenticated', 'ticker', 'books', 'orders-ack']);
const done = (step) => {
  if (!pending.delete(step)) return;
  process.stdout.write(`ok ${step}\n`);
  if (pending.size === 0) {
    client.closeAll(true);
    process.exit(0);
  }
};
const fail = (what) => {
  process.stderr.write(`FAILED ${what}\n`);
  process.exit(1);
};

client.on('authenticated', () => done('authenticated'));
client.on('update', (event) => {
  const channel = event.arg && event.arg.channel;
  const data = event.data && event.data[0];
  if (channel === 'ticker' && data && typeof data.lastPr === 'string') done('ticker');
  if (channel === 'books' && event.action === 'snapshot' && data && data.bids.length > 0 &&
      typeof data.checksum === 'number') {
    done('books');
  }
});
client.on('response', (event) => {
  if (event.event === 'subscribe' && event.arg && event.arg.channel === 'orders') {
    done('orders-ack');
  }
  if (event.event === 'error') fail(`error event ${JSON.stringify(event)}`);
});
client.on('exception', (event) => fail(`exception ${JSON.stringify(event)}`));

client.subscribeTopic('USDT-FUTURES', 'ticker', 'BTCUSDT');
client.subscribeTopic('USDT-FUTURES', 'books', 'BTCUSDT');
client.subscribeTopic('USDT-FUTURES', 'orders');
setTimeout(() => fail(`timeout; still pending: ${[...pending].join(', ')}`), 15000);
