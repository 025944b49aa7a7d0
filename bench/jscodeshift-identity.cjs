/**
 * The least a jscodeshift transform can do: parse the file and print it back (recast keeps the original text, so
 * nothing changes). What every transform pays before its own work; the yardstick of `migrate.bench.mjs`.
 */
module.exports = (file, api) => api.jscodeshift(file.source).toSource();
module.exports.parser = 'tsx';
