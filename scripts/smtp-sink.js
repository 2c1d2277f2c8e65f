#!/usr/bin/env node
// A real SMTP server for local runs and tests (npm smtp-server), on loopback only. Every message accepted is written
// to <dir>/<time>-<n>.eml (written aside, then renamed, so readers never see half a message).
// Usage: node scripts/smtp-sink.js [--port 0] [--dir .mail]. Prints "SMTP sink listening on 127.0.0.1:<port>".
// With --exit-with-stdin it exits when its standard input closes, so a test process that dies takes its sink along.
'use strict';
const fs = require('fs');
const path = require('path');
const { SMTPServer } = require('smtp-server');

const args = process.argv.slice(2);
const option = (name, fallback) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : fallback);
const dir = path.resolve(option('--dir', '.mail'));
const port = Number(option('--port', '0'));
fs.mkdirSync(dir, { recursive: true });

let count = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  size: 10 * 1024 * 1024,
  onAuth(auth, session, callback) {
    callback(null, { user: auth.username }); // a sink: any credentials are accepted
  },
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', chunk => chunks.push(chunk));
    stream.on('end', () => {
      const name = `${Date.now()}-${String(++count).padStart(6, '0')}.eml`;
      const temporary = path.join(dir, `.${name}.tmp`);
      fs.writeFileSync(temporary, Buffer.concat(chunks));
      fs.renameSync(temporary, path.join(dir, name));
      callback();
    });
  },
});
server.on('error', error => console.error(`SMTP sink error: ${error.message}`));
server.listen(port, '127.0.0.1', () => {
  console.log(`SMTP sink listening on 127.0.0.1:${server.server.address().port}, mail in ${dir}`);
});
if (process.argv.includes('--exit-with-stdin')) {
  process.stdin.on('end', () => server.close(() => process.exit(0)));
  process.stdin.resume();
}
