// validate.js FILE...: checks that each file is a SARIF 2.1.0 log valid
// against the SARIF 2.1.0 JSON schema, and prints every violation with its
// JSON path. Exits 1 when a file is not valid. Used by .ci/run.
'use strict';

const fs = require('fs');
const Ajv = require('ajv');

// The schema is draft-04 (it names itself with "id", not "$id"); ajv 6
// validates draft-04 once given its meta-schema. Its warnings that the
// built-in draft-07 meta-schema's "$id" is ignored are noise here.
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const draft04 = require('ajv/lib/refs/json-schema-draft-04.json');

const ajv = new Ajv({
  schemaId: 'id',
  allErrors: true,
  jsonPointers: true,
  logger: { log: console.log, warn() {}, error: console.error },
});
ajv.addMetaSchema(draft04);
const validate = ajv.compile(schema);

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate.js FILE.sarif...');
  process.exit(2);
}
let failed = false;
for (const file of files) {
  let log;
  try {
    log = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    console.error(`${file}: not JSON: ${err.message}`);
    failed = true;
    continue;
  }
  if (validate(log)) {
    console.log(`${file}: valid SARIF 2.1.0 (${log.runs.map((r) => r.results.length).join('+')} results)`);
    continue;
  }
  failed = true;
  for (const e of validate.errors) {
    console.error(`${file}: ${e.dataPath || '/'}: ${e.message} ${JSON.stringify(e.params)}`);
  }
}
process.exit(failed ? 1 : 0);
