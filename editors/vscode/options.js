// The parts of the extension that do not need VS Code: how the server is
// started and what it is sent. extension.js wires them to VS Code, and
// test/options.test.js tests them with node's test runner.
'use strict';

const os = require('os');
const path = require('path');

// serverExecutable returns how to start the language server: the
// configured binary (default "leakvet", looked up on PATH) with the
// argument "lsp". A leading "~/" is the home directory.
function serverExecutable(configuredPath, home = os.homedir()) {
  let command = typeof configuredPath === 'string' ? configuredPath.trim() : '';
  if (command === '') {
    command = 'leakvet';
  }
  if (command === '~' || command.startsWith('~/')) {
    command = path.join(home, command.slice(1));
  }
  return { command, args: ['lsp'] };
}

// serverSettings returns the settings object sent as initializationOptions
// and in workspace/didChangeConfiguration. The server checks the keys and
// reports unknown ones; anything but a plain object is sent as {} (VS Code
// itself rejects other types in the settings editor).
function serverSettings(configured) {
  if (configured === null || typeof configured !== 'object' || Array.isArray(configured)) {
    return {};
  }
  return JSON.parse(JSON.stringify(configured));
}

// documentSelector: Go files on disk, the ones the go command sees.
const documentSelector = [{ scheme: 'file', language: 'go' }];

module.exports = { serverExecutable, serverSettings, documentSelector };
