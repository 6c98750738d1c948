// Loads an npm package from this repository's own node_modules (package-lock.json pins it),
// never a global one, so every oracle and conformance script runs the exact pinned version.
// Resolving the package name from the repository root honours the package's "exports" map.
// On failure it prints what to do and exits with status 2 (the callers' "cannot load" code).
'use strict';

const path = require('path');

const repoRoot = path.join(__dirname, '../..');

function loadRepoPackage(name, scriptName) {
  const packagePath = path.join(repoRoot, 'node_modules', name);
  try {
    const resolved = require.resolve(name, {paths: [repoRoot]});
    if (!resolved.startsWith(packagePath + path.sep)) {
      throw new Error('resolved outside the repository node_modules');
    }
    return require(resolved);
  } catch (e) {
    process.stderr.write(`${scriptName}: cannot load ${name} from ${packagePath} ` +
                         `(${e.message}); run scripts/install-deps\n`);
    process.exit(2);
  }
}

module.exports = {loadRepoPackage, repoRoot};
