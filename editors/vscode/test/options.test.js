'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { serverExecutable, serverSettings, documentSelector } = require('../options');

test('the server is leakvet on PATH by default, with the lsp argument', () => {
  assert.deepStrictEqual(serverExecutable(undefined), { command: 'leakvet', args: ['lsp'] });
  assert.deepStrictEqual(serverExecutable('  '), { command: 'leakvet', args: ['lsp'] });
});

test('a configured path is used, with ~/ expanded', () => {
  assert.deepStrictEqual(serverExecutable('/opt/bin/leakvet'), { command: '/opt/bin/leakvet', args: ['lsp'] });
  assert.deepStrictEqual(serverExecutable('~/go/bin/leakvet', '/home/u'), { command: '/home/u/go/bin/leakvet', args: ['lsp'] });
  assert.deepStrictEqual(serverExecutable('a~/leakvet', '/home/u'), { command: 'a~/leakvet', args: ['lsp'] });
});

test('settings are sent as they are, and anything but an object as {}', () => {
  const s = { disable: ['gocancel'], unclosed: { types: 'example.com/a.Conn:Close=example.com/a.Dial' }, 'unclosed.typez': 1 };
  assert.deepStrictEqual(serverSettings(s), s);
  assert.notStrictEqual(serverSettings(s), s, 'a copy, so later changes to the configuration object do not leak in');
  for (const bad of [undefined, null, 'x', 3, ['disable']]) {
    assert.deepStrictEqual(serverSettings(bad), {});
  }
});

test('only Go files on disk go to the server', () => {
  assert.deepStrictEqual(documentSelector, [{ scheme: 'file', language: 'go' }]);
});

test('package.json declares the settings the extension reads, with the documented defaults', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
  const props = pkg.contributes.configuration.properties;
  assert.strictEqual(props['leakvet.path'].default, 'leakvet');
  assert.deepStrictEqual(props['leakvet.settings'].default, {});
  assert.strictEqual(pkg.main, './extension.js');
  assert.ok(pkg.activationEvents.includes('onLanguage:go'));
  assert.ok(pkg.dependencies['vscode-languageclient'], 'the client library is a runtime dependency');
});
