'use strict';

// extension.js against fakes of the vscode module and of
// vscode-languageclient (VS Code cannot run here): what it starts, what it
// sends, and how it reacts to configuration changes.
const test = require('node:test');
const assert = require('node:assert');
const Module = require('node:module');

// Fakes, recording what the extension does with them.
const config = { path: '/opt/leakvet', settings: { disable: ['gocancel'] } };
let onConfigChange;
const clients = [];

class FakeClient {
  constructor(id, name, serverOptions, clientOptions) {
    Object.assign(this, { id, name, serverOptions, clientOptions, started: false, stopped: false, notifications: [] });
    clients.push(this);
  }
  async start() { this.started = true; }
  async stop() { this.stopped = true; }
  async sendNotification(method, params) { this.notifications.push({ method, params }); }
}

const fakes = {
  vscode: {
    workspace: {
      getConfiguration: (section) => {
        assert.strictEqual(section, 'leakvet');
        return { get: (key) => config[key] };
      },
      onDidChangeConfiguration: (listener) => { onConfigChange = listener; return { dispose() {} }; },
    },
  },
  'vscode-languageclient/node': { LanguageClient: FakeClient },
};
const realLoad = Module._load;
Module._load = function (request, ...rest) {
  return Object.hasOwn(fakes, request) ? fakes[request] : realLoad.call(this, request, ...rest);
};
const extension = require('../extension');

const change = (...sections) => onConfigChange({ affectsConfiguration: (s) => sections.includes(s) });

test('activate starts leakvet lsp with the configured binary and settings', async () => {
  const context = { subscriptions: [] };
  await extension.activate(context);
  assert.strictEqual(clients.length, 1);
  const c = clients[0];
  assert.ok(c.started);
  assert.deepStrictEqual(c.serverOptions.run, { command: '/opt/leakvet', args: ['lsp'] });
  assert.deepStrictEqual(c.clientOptions.initializationOptions, { disable: ['gocancel'] });
  assert.deepStrictEqual(c.clientOptions.documentSelector, [{ scheme: 'file', language: 'go' }]);
  assert.strictEqual(context.subscriptions.length, 1, 'the configuration listener is disposed with the extension');
});

test('a settings change is sent as workspace/didChangeConfiguration, without a restart', async () => {
  config.settings = { 'unclosed.types': 'example.com/a.Conn:Close=example.com/a.Dial' };
  await change('leakvet', 'leakvet.settings');
  assert.strictEqual(clients.length, 1);
  assert.deepStrictEqual(clients[0].notifications, [
    { method: 'workspace/didChangeConfiguration', params: { settings: { 'unclosed.types': 'example.com/a.Conn:Close=example.com/a.Dial' } } },
  ]);
});

test('a change of the binary restarts the server with it; other changes do nothing', async () => {
  await change('editor.fontSize');
  assert.strictEqual(clients.length, 1);
  assert.strictEqual(clients[0].notifications.length, 1);
  config.path = '~/bin/leakvet';
  await change('leakvet', 'leakvet.path');
  assert.strictEqual(clients.length, 2);
  assert.ok(clients[0].stopped);
  assert.ok(clients[1].started);
  assert.match(clients[1].serverOptions.run.command, /\/bin\/leakvet$/);
  assert.doesNotMatch(clients[1].serverOptions.run.command, /^~/);
});

test('deactivate stops the server', async () => {
  await extension.deactivate();
  assert.ok(clients[1].stopped);
});
