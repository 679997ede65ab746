-- keyfigures.sql: the key figures of SPEC.md in DuckDB SQL, the peer that
-- make bench measures the filters against, written from SPEC.md alone.
--
-- bench/duckdb-run.mjs runs the sections below in order: "common" always,
-- then each input's section when that input is given. It replaces
-- :handic:, :dream:, :lpr:, :who5:, :regnskab: (file names), :share: (the
-- shipped tables), :from: and :to: (dates or NULL) and :minhours: by
-- literals. Every section leaves its figures in a table f_NAME with the
-- columns KOMMUNE, DATO, NOEGLETAL, TAELLER, NAEVNER; the "output" section
-- unites them. Inputs are assumed valid: validation, reject files and the
-- accounting line are the filters' business, not the benchmark's.

-- section: common
CREATE MACRO tsv(path) AS TABLE
	SELECT * FROM read_csv(path, delim = '\t', header = true, all_varchar = true,
		quote = '', escape = '');
CREATE MACRO halfyear(d) AS
	CASE WHEN month(d) <= 6 THEN make_date(year(d), 6, 30) ELSE make_date(year(d), 12, 31) END;
-- the last cut date on or before d
CREATE MACRO lastcut(d) AS
	CASE WHEN month(d) = 12 AND day(d) = 31 THEN d
	     WHEN d >= make_date(year(d), 6, 30) THEN make_date(year(d), 6, 30)
	     ELSE make_date(year(d) - 1, 12, 31) END;
-- every cut date from lo to hi
CREATE MACRO cutdates(lo, hi) AS TABLE
	SELECT make_date(y::INT, m, CASE m WHEN 6 THEN 30 ELSE 31 END) AS d
	FROM range(2000, 10000) r(y), (VALUES (6), (12)) v(m)
	WHERE make_date(y::INT, m, CASE m WHEN 6 THEN 30 ELSE 31 END) BETWEEN lo AND hi;
CREATE TABLE trappe AS SELECT MODT_YDELSE_KODE AS kode, TRIN::INT AS trin FROM tsv(:share: || '/trappe.tsv');
CREATE TABLE koder AS SELECT KODE AS kode, GRUPPE AS gruppe FROM tsv(:share: || '/dream-koder.tsv');
CREATE TABLE konti AS SELECT GRUPPE AS gruppe, replace(FUNKTION, '.', '') AS funktion, GRUPPERING AS gruppering
	FROM tsv(:share: || '/konti.tsv');
CREATE TABLE katalog AS SELECT NOEGLETAL, FOERSTE_DATO::DATE AS foerste FROM tsv(:share: || '/noegletal.tsv');
-- the snapshot: one row per cut date and person on the stair (empty without handic)
CREATE TABLE snap (DATO DATE, PNR VARCHAR, KOMMUNE VARCHAR, TRIN INT, has2 BOOLEAN);
-- the stair's cut dates (empty without handic)
CREATE TABLE cuts (d DATE);

-- section: handic
-- SPEC 2: the target group, the stair step of each record, the cut dates.
CREATE TABLE handic AS
	SELECT PNR, HANDLEKOMMUNE AS kommune, MAALGRUPPE AS maal, MODT_YDELSE_KODE AS kode,
		YDELSE_START::DATE AS start, nullif(YDELSE_SLUT, '9999-12-31')::DATE AS slut	-- SPEC 1.1: open
	FROM tsv(:handic:);
INSERT INTO cuts
	SELECT d FROM cutdates(greatest(coalesce(:from:::DATE, DATE '2017-12-31'), DATE '2017-12-31'),	-- SPEC 2: from 2017-12-31
		coalesce(:to:::DATE, (SELECT lastcut(max(greatest(start, coalesce(slut, start)))) FROM handic)));
CREATE TABLE target AS
	SELECT h.PNR, h.kommune, h.start, h.slut, coalesce(t.trin, 0) AS trin
	FROM handic h LEFT JOIN trappe t ON t.kode = h.kode
	WHERE h.maal = '1.2.2' OR starts_with(h.maal, '1.2.2.');
-- The highest active step; its record's municipality, ties to the latest
-- start, then the lowest code: one number orders all three.
INSERT INTO snap
	SELECT c.d, t.PNR,
		arg_max(t.kommune, t.trin::BIGINT * 1000000000
			+ date_diff('day', DATE '1900-01-01', t.start) * 1000 + (999 - t.kommune::INT)),
		max(t.trin), bool_or(t.trin = 2)
	FROM target t JOIN cuts c ON t.start <= c.d AND (t.slut IS NULL OR t.slut >= c.d)
	GROUP BY c.d, t.PNR;
-- figures 1-6
CREATE TABLE f_levels AS SELECT *, NULL AS NAEVNER FROM (UNPIVOT (SELECT KOMMUNE, DATO,
			count_if(TRIN = 8) AS "1", count_if(TRIN = 7) AS "2", count_if(TRIN = 6) AS "3",
			count_if(TRIN = 5) AS "4", count_if(TRIN IN (3, 4)) AS "5", count_if(TRIN = 2) AS "6"
		FROM snap GROUP BY KOMMUNE, DATO)
	ON "1", "2", "3", "4", "5", "6" INTO NAME NOEGLETAL VALUE TAELLER);
-- figures 7-10: s(t-1) against s(t), in the municipality at t-1; none = 0
CREATE TABLE f_moves AS SELECT *, NULL AS NAEVNER FROM (UNPIVOT (SELECT a.KOMMUNE, p.t AS DATO,
			count_if(a.TRIN IN (7, 8) AND coalesce(b.TRIN, 0) = 6) AS "7.1",
			count_if(a.TRIN IN (7, 8) AND coalesce(b.TRIN, 0) <= 5) AS "7.2",
			count_if(a.TRIN = 6 AND coalesce(b.TRIN, 0) <= 5) AS "7.3",
			"7.1" + "7.2" + "7.3" AS "7",
			count_if(a.TRIN = 5 AND coalesce(b.TRIN, 0) IN (0, 2)) AS "8",
			count_if(a.TRIN = 2 AND coalesce(b.TRIN, 0) = 0) AS "9",
			count_if(a.TRIN = 2 AND coalesce(b.TRIN, 0) BETWEEN 3 AND 8) AS "10"
		FROM (SELECT d AS t, lag(d) OVER (ORDER BY d) AS t1 FROM cuts) p
		JOIN snap a ON a.DATO = p.t1
		LEFT JOIN snap b ON b.DATO = p.t AND b.PNR = a.PNR
		GROUP BY a.KOMMUNE, p.t)
	ON "7", "7.1", "7.2", "7.3", "8", "9", "10" INTO NAME NOEGLETAL VALUE TAELLER);

-- section: dream
-- SPEC 3.1: the weeks whose Thursday falls in (D - 1 year, D].
CREATE TABLE dream AS SELECT * FROM tsv(:dream:) WHERE PNR IN (SELECT PNR FROM snap);
CREATE TABLE weeks AS
	SELECT col, thu FROM (
		SELECT column_name AS col, 2000 + substr(column_name, 3, 2)::INT AS y,
			substr(column_name, 5, 2)::INT AS w,
			make_date(y, 1, 4) - (isodow(make_date(y, 1, 4)) - 1)::INT + (7 * (w - 1) + 3)::INT AS thu
		FROM (DESCRIBE dream) WHERE regexp_full_match(column_name, '[yY]_[0-9]{4}'))
	WHERE w >= 1 AND isoyear(thu) = y;
CREATE TABLE windows AS
	SELECT c.DATO, t.thu, w.col
	FROM (SELECT DISTINCT DATO FROM snap) c
	JOIN (SELECT unnest(generate_series(DATE '1999-01-07', DATE '2101-01-01', INTERVAL 7 DAY))::DATE AS thu) t
		ON t.thu > (c.DATO - INTERVAL 1 YEAR)::DATE AND t.thu <= c.DATO
	LEFT JOIN weeks w ON w.thu = t.thu;
SELECT CASE WHEN count(*) > 0 THEN error('DREAM lacks the week with Thursday ' || min(thu) || ', needed for ' || min(DATO))
	END FROM windows WHERE col IS NULL;
CREATE TABLE nweeks AS SELECT DATO, count(*) AS n FROM windows GROUP BY DATO;
-- the non-blank cells in a window, per person
CREATE TABLE coded AS
	SELECT w.DATO, c.PNR, count(*) AS n_coded,
		count_if(k.gruppe = 'udgaar') AS n_out,
		count_if(k.gruppe = 'uddannelse') AS n_edu,
		count_if(k.gruppe = 'beskaeftigelse') AS n_emp
	FROM (SELECT PNR, col, trim(val) AS kode
		FROM (UNPIVOT dream ON COLUMNS('^[yY]_[0-9]{4}$') INTO NAME col VALUE val)
		WHERE trim(val) <> '') c
	JOIN windows w ON w.col = c.col
	LEFT JOIN koder k ON k.kode = c.kode
	GROUP BY w.DATO, c.PNR;
CREATE TABLE persons AS
	SELECT s.KOMMUNE, s.DATO, s.has2, coalesce(c.n_edu, 0) / (n.n - coalesce(c.n_out, 0)) AS edu,
		(n.n - coalesce(c.n_coded, 0) + coalesce(c.n_emp, 0)) / (n.n - coalesce(c.n_out, 0)) AS emp
	FROM snap s JOIN nweeks n ON n.DATO = s.DATO
	LEFT JOIN coded c ON c.DATO = s.DATO AND c.PNR = s.PNR
	WHERE n.n - coalesce(c.n_out, 0) > 0;
CREATE TABLE f_dream AS
	SELECT KOMMUNE, DATO, '11' AS NOEGLETAL, sum(edu) AS TAELLER, count(*) AS NAEVNER FROM persons GROUP BY ALL
	UNION ALL SELECT KOMMUNE, DATO, '12', sum(emp), count(*) FROM persons GROUP BY ALL
	UNION ALL SELECT KOMMUNE, DATO, '12.1', sum(emp), count(*) FROM persons WHERE has2 GROUP BY ALL
	UNION ALL SELECT KOMMUNE, DATO, '12.2', sum(emp), count(*) FROM persons WHERE NOT has2 GROUP BY ALL;

-- section: who5
-- SPEC 3.2: the latest measurement per person and half-year, anywhere.
CREATE TABLE who5 AS
	SELECT row_number() OVER () AS rn, KOMMUNE, PNR, DATO::DATE AS dato,
		(WHO1::INT + WHO2::INT + WHO3::INT + WHO4::INT + WHO5::INT) * 4 AS who,
		(INSP1::INT + INSP2::INT + INSP3::INT + INSP4::INT + INSP5::INT) * 5 AS insp
	FROM tsv(:who5:);
CREATE TABLE wcuts AS
	SELECT d FROM cutdates(greatest(coalesce(:from:::DATE, DATE '2017-12-31'), DATE '2017-12-31'),
		coalesce(:to:::DATE, (SELECT halfyear(max(dato)) FROM who5)));
CREATE TABLE latest AS
	SELECT halfyear(dato) AS DATO, PNR, KOMMUNE, who, insp,
		CASE WHEN who > 50 THEN 2 WHEN who >= 36 THEN 1 ELSE 0 END AS band
	FROM who5 WHERE halfyear(dato) IN (SELECT d FROM wcuts)
	QUALIFY row_number() OVER (PARTITION BY PNR, halfyear(dato) ORDER BY dato DESC, rn DESC) = 1;
CREATE TABLE f_who5 AS
	SELECT KOMMUNE, DATO, '13' AS NOEGLETAL, sum(who)::DOUBLE AS TAELLER, count(*) AS NAEVNER FROM latest GROUP BY ALL
	UNION ALL SELECT KOMMUNE, DATO, '14', sum(insp), count(insp) FROM latest WHERE insp IS NOT NULL GROUP BY ALL
	UNION ALL SELECT KOMMUNE, DATO, '15.1', count_if(band = 2), count(*) FROM latest GROUP BY ALL
	UNION ALL SELECT KOMMUNE, DATO, '15.2', count_if(band = 1), count(*) FROM latest GROUP BY ALL
	UNION ALL SELECT KOMMUNE, DATO, '15.3', count_if(band = 0), count(*) FROM latest GROUP BY ALL
	-- 13.1/13.2 only at the cut dates the snapshot holds: the project's
	-- reading (README, Decisions, "WHO-5 range"): its range, from its first
	-- date with a person to its end, dates where nobody is included
	UNION ALL SELECT l.KOMMUNE, l.DATO, CASE WHEN coalesce(s.has2, false) THEN '13.1' ELSE '13.2' END,
		sum(l.who), count(*)
		FROM latest l JOIN (SELECT d AS DATO FROM cuts WHERE d >= (SELECT min(DATO) FROM snap)) d ON d.DATO = l.DATO
		LEFT JOIN snap s ON s.DATO = l.DATO AND s.PNR = l.PNR GROUP BY ALL
	-- 16/17: the band at t against t-1, in the municipality of t
	UNION ALL SELECT a.KOMMUNE, a.DATO, u.id, count_if(CASE u.id WHEN '16' THEN a.band > b.band ELSE a.band < b.band END),
		count(*)
		FROM (SELECT d AS t, lag(d) OVER (ORDER BY d) AS t1 FROM wcuts) p
		JOIN latest a ON a.DATO = p.t JOIN latest b ON b.DATO = p.t1 AND b.PNR = a.PNR,
		(VALUES ('16'), ('17')) u(id)
		GROUP BY ALL;

-- section: lpr
-- SPEC 3.3: contacts under 4 h apart form a stay; stays of :minhours: h
-- or more are admissions; a running contact (no end) never ends.
CREATE TABLE lpr AS
	SELECT PNR, dato_start::DATE + tidspunkt_start::TIME AS s,
		coalesce(dato_slut::DATE + tidspunkt_slut::TIME, TIMESTAMP 'infinity') AS e
	FROM tsv(:lpr:);
CREATE TABLE stays AS
	SELECT PNR, min(s) AS s, max(e) AS e FROM (
		SELECT PNR, s, e, sum(CASE WHEN prev IS NULL OR s >= prev + INTERVAL 4 HOUR THEN 1 ELSE 0 END)
			OVER (PARTITION BY PNR ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS stay
		FROM (SELECT PNR, s, e, max(e) OVER (PARTITION BY PNR ORDER BY s, e
			ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev FROM lpr))
	GROUP BY PNR, stay;
CREATE TABLE admissions AS
	SELECT PNR, s, e, lead(s) OVER (PARTITION BY PNR ORDER BY s) AS next
	FROM stays WHERE e = TIMESTAMP 'infinity' OR e - s >= (:minhours:) * INTERVAL 1 HOUR;
CREATE TABLE f_lpr AS
	SELECT n.KOMMUNE, n.DATO, '18' AS NOEGLETAL,
		count_if(coalesce(a.next BETWEEN a.e + INTERVAL 4 HOUR AND a.e + INTERVAL 720 HOUR, false)) AS TAELLER, count(*) AS NAEVNER
	FROM admissions a JOIN snap n ON n.PNR = a.PNR AND n.DATO = halfyear(a.e::DATE)
	WHERE a.e <> TIMESTAMP 'infinity'
	GROUP BY ALL;

-- section: regnskab
-- SPEC 3.4: drift, hovedart 1-6, the eight account groups, by year.
CREATE TABLE kr AS
	SELECT r.KOMMUNE, make_date(r.AAR::INT, 12, 31) AS DATO, k.gruppe,
		-- SPEC 5: a sum that is 0 is 0 (no ratio over it): exact, in millionths (README, Decisions)
		replace(r.BELOEB, ',', '.')::DECIMAL(38, 6) AS kr
	FROM tsv(:regnskab:) r
	JOIN konti k ON k.funktion = replace(r.FUNKTION, '.', '') AND k.gruppering = r.GRUPPERING
	-- SPEC 5: DRANST is any integer (01, +1), only 1 is used
	WHERE try_cast(r.DRANST AS INT) = 1 AND left(r.ART, 1) BETWEEN '1' AND '6'
		AND make_date(r.AAR::INT, 12, 31) BETWEEN coalesce(:from:::DATE, DATE '2018-12-31') AND coalesce(:to:::DATE, DATE '9999-12-31');
CREATE TABLE f_regnskab AS
	WITH g AS (
		SELECT KOMMUNE, DATO,
			coalesce(sum(kr) FILTER (gruppe = '108'), 0) AS g108,
			coalesce(sum(kr) FILTER (gruppe = '105-85'), 0) AS g105,
			coalesce(sum(kr) FILTER (gruppe = '107'), 0) AS g107,
			coalesce(sum(kr) FILTER (gruppe = '85'), 0) AS g85,
			coalesce(sum(kr) FILTER (gruppe IN ('103', '104')), 0) AS g103,
			coalesce(sum(kr) FILTER (gruppe IN ('99', '82')), 0) AS g99,
			g108 + g105 + g107 + g85 + g103 AS support,
			support + g99 AS alle
		FROM kr GROUP BY ALL)
	SELECT KOMMUNE, DATO, '19' AS NOEGLETAL, g99 AS TAELLER, support AS NAEVNER FROM g
	UNION ALL SELECT KOMMUNE, DATO, '20.1', g108, alle FROM g
	UNION ALL SELECT KOMMUNE, DATO, '20.2', g105, alle FROM g
	UNION ALL SELECT KOMMUNE, DATO, '20.3', g107, alle FROM g
	UNION ALL SELECT KOMMUNE, DATO, '20.4', g85, alle FROM g
	UNION ALL SELECT KOMMUNE, DATO, '20.5', g103, alle FROM g
	UNION ALL SELECT KOMMUNE, DATO, '20.6', g99, alle FROM g;

-- section: output
-- SPEC 1.2 and 5: no figure before its first valid date, no ratio over 0,
-- whole numbers as integers, sorted by the numeric parts of the id.
CREATE MACRO num(x) AS
	CASE WHEN x IS NULL THEN '' WHEN x = trunc(x) AND abs(x) < 1e15 THEN x::HUGEINT::VARCHAR ELSE x::VARCHAR END;
COPY (
	SELECT f.KOMMUNE, f.DATO, f.NOEGLETAL, num(f.TAELLER::DOUBLE) AS TAELLER, num(f.NAEVNER::DOUBLE) AS NAEVNER
	FROM (:figures:) f JOIN katalog k ON k.NOEGLETAL = f.NOEGLETAL
	WHERE f.DATO >= k.foerste AND (f.NAEVNER IS NULL OR f.NAEVNER <> 0)
	ORDER BY f.KOMMUNE, f.DATO, split_part(f.NOEGLETAL, '.', 1)::INT, f.NOEGLETAL
) TO :out: (FORMAT csv, DELIMITER '\t', HEADER true, QUOTE '');
