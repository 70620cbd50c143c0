// Copies plotly.js's gl3d partial bundle (installed by `npm ci`) into the jar's public/vendor as plotly.min.js,
// with its licence. Run by the kstar-server build: node copy-bundle.js OUTPUT_DIRECTORY
'use strict';
const fs = require('fs');
const path = require('path');
const out = process.argv[2];
if (!out) {
  console.error('usage: node copy-bundle.js OUTPUT_DIRECTORY');
  process.exit(2);
}
const pkg = path.join(__dirname, 'node_modules', 'plotly.js-gl3d-dist-min');
fs.mkdirSync(out, {recursive: true});
fs.copyFileSync(path.join(pkg, 'plotly-gl3d.min.js'), path.join(out, 'plotly.min.js'));
fs.copyFileSync(path.join(pkg, 'LICENSE'), path.join(out, 'LICENSE'));
