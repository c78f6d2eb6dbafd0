#!/usr/bin/env node
'use strict';
// The composition root: src/ never imports channels/ or dialogs/, so they are plugged in here.
const path = require('node:path');
const dist = path.join(__dirname, '..', 'dist');
let cli, plugins;
try {
  cli = require(path.join(dist, 'src', 'cli', 'main.js'));
  plugins = require(path.join(dist, 'channels', 'index.js'));
  plugins = { ...plugins, dialogs: require(path.join(dist, 'dialogs', 'index.js')).dialogEntries };
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND') {
    process.stderr.write('frontdesk is not built yet: run `npm install` (it compiles TypeScript) or `npm run build`.\n');
    process.exit(1);
  }
  throw error;
}
const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
cli.runCli(process.argv.slice(2), io, plugins).then(
  (code) => { process.exitCode = code; },
  // runCli prints its own one-line errors; this only catches a failure of the CLI itself, still in one line.
  (error) => { process.stderr.write(`frontdesk: ${error && error.message ? error.message : error}\n`); process.exitCode = 1; },
);
