// duckdb-run.mjs DIR OUT [FROM|- [TO|-]]: the key figures of the inputs in
// DIR (NAME.tsv.gz or NAME.tsv, as pipelines/keyfigures takes them),
// computed by DuckDB from keyfigures.sql, written to OUT as a plain figure
// stream. FROM and TO bound the cut dates as -f and -t do.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [dir, out, from = '-', to = '-'] = process.argv.slice(2);
if (!dir || !out) {
	console.error('usage: duckdb-run.mjs input-dir output.tsv [from|- [to|-]]');
	process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const top = join(here, '..');
// installed by duckdb-install into bench/node, not a dependency of the tools
const { DuckDBInstance } = createRequire(join(here, 'node/'))('@duckdb/node-api');
const lit = (s) => `'${s.replaceAll("'", "''")}'`;
const date = (s) => (s === '-' ? 'NULL' : `DATE ${lit(s)}`);
const input = (name) => [`${name}.tsv.gz`, `${name}.tsv`].map((f) => join(dir, f)).find(existsSync);

const sections = {};
let cur = null;
for (const line of readFileSync(join(here, 'keyfigures.sql'), 'utf8').split('\n')) {
	const m = line.match(/^-- section: (\w+)/);
	if (m) sections[(cur = m[1])] = [];
	else if (cur && !line.startsWith('--')) sections[cur].push(line);
}
const vars = {
	share: lit(process.env.NOEGLETAL_SHARE || join(top, 'share/noegletal')),
	from: date(from), to: date(to), minhours: '12', out: lit(out),
};
const run = ['common'];
const figures = [];
for (const name of ['handic', 'dream', 'who5', 'lpr', 'regnskab']) {
	const f = input(name);
	if (!f || ((name === 'dream' || name === 'lpr') && !vars.handic)) {
		console.error(`duckdb-run: no ${name}${f ? ' without handic' : ''}: its figures are skipped`);
		continue;
	}
	vars[name] = lit(f);
	run.push(name);
	for (const t of name === 'handic' ? ['f_levels', 'f_moves'] : [`f_${name}`])
		figures.push(`SELECT KOMMUNE, DATO, NOEGLETAL, TAELLER, NAEVNER FROM ${t}`);
}
if (!figures.length) {
	console.error(`duckdb-run: no inputs in ${dir}`);
	process.exit(1);
}
vars.figures = figures.join(' UNION ALL ');
run.push('output');

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
for (const name of run) {
	const sql = sections[name].join('\n').replace(/:(\w+):/g, (m, v) => (v in vars ? vars[v] : m));
	for (const stmt of sql.split(/;\s*\n/).filter((s) => s.trim())) {
		try {
			await con.run(stmt);
		} catch (e) {
			console.error(`duckdb-run: section ${name}: ${e.message}`);
			process.exit(1);
		}
	}
}
