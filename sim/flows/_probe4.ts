import { createSocket } from 'node:dgram';
import { spawnSync } from 'node:child_process';
const s = createSocket('udp4');
s.on('message', (m) => m.length < 24 ? console.log('short datagram', m.length, m.toString('hex')) : console.log('len', m.length, 'ver', m.readUInt16BE(0), 'count', m.readUInt16BE(2), 'expect', 24 + 48 * m.readUInt16BE(2), 'seq', m.readUInt32BE(16)));
await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
spawnSync('nfreplay', ['-r', '/tmp/netflow-it-h0hWsS/for-replay-1/nfcapd.202611231820', '-H', '127.0.0.1', '-p', String(s.address().port), '-v', '5', '-d', '100'], { timeout: 20000 });
await new Promise((res) => setTimeout(res, 300));
s.close();
