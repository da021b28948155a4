// A PeerJS signalling server for calls between people (`npm run signal`). It only introduces the
// two browsers to each other (offers, answers, ICE candidates); audio, video and chat then go
// peer to peer. Loopback by default: pass --host 0.0.0.0 for devices on your network.
//   node scripts/signal.mjs [--host 127.0.0.1] [--port 9000] [--path /kompanion] [--key peerjs]
import { parseArgs } from 'node:util';
import { PeerServer } from 'peer';

const { values } = parseArgs({
	options: {
		host: { type: 'string', default: '127.0.0.1' },
		port: { type: 'string', default: '9000' },
		path: { type: 'string', default: '/kompanion' },
		key: { type: 'string', default: 'peerjs' }
	}
});

const server = PeerServer(
	{ host: values.host, port: Number(values.port), path: values.path, key: values.key },
	(http) => {
		const address = http.address();
		const port = typeof address === 'object' && address ? address.port : values.port;
		console.log(`Signalling server listening on ws://${values.host}:${port}${values.path}`);
	}
);
server.on('error', (error) => console.error('Signalling server error:', error.message));
