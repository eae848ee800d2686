// The VS Code extension: starts `leakvet lsp` with vscode-languageclient
// for Go files and forwards the leakvet.settings configuration to it.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');
const { serverExecutable, serverSettings, documentSelector } = require('./options');

let client;

// start creates and starts the client from the current configuration.
async function start() {
  const config = vscode.workspace.getConfiguration('leakvet');
  const executable = serverExecutable(config.get('path'));
  client = new LanguageClient('leakvet', 'leakvet', { run: executable, debug: executable }, {
    documentSelector,
    initializationOptions: serverSettings(config.get('settings')),
  });
  await client.start();
}

async function activate(context) {
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(async (e) => {
    if (!client) {
      return;
    }
    if (e.affectsConfiguration('leakvet.path')) {
      await client.stop();
      await start();
    } else if (e.affectsConfiguration('leakvet.settings')) {
      const settings = serverSettings(vscode.workspace.getConfiguration('leakvet').get('settings'));
      await client.sendNotification('workspace/didChangeConfiguration', { settings });
    }
  }));
  await start();
}

async function deactivate() {
  if (client) {
    await client.stop();
  }
}

module.exports = { activate, deactivate };
