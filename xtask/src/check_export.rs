//! The export's output checks, by independent tools: `frictionless validate` on the CSV
//! package, and an openpyxl read-back of the workbook compared with `alliance.json` (every
//! sheet there and in order, one table per data sheet with header filters and a frozen header
//! row, row counts, every recommendation's values (with its conference's edition and year) and
//! session link, every conference's values and figures, no formula anywhere, the quote prefix
//! on formula-like text, the summary's counts, and an About row describing every data sheet's
//! column).
//!
//! Under `CI=true` a missing Python module is a failure; locally the check is skipped with a
//! warning (`.ci/run` installs the pinned versions).

use anyhow::{Context, bail};
use xshell::{Shell, cmd};

use crate::pipeline::python_has;

/// Checks `{out}/csv/datapackage.json` with `frictionless validate` and `{out}/alliance.xlsx`
/// with openpyxl against `{out}/alliance.json`.
pub(crate) fn check(sh: &Shell, out: &str) -> anyhow::Result<()> {
    if python_has(sh, "frictionless")? {
        let descriptor = format!("{out}/csv/datapackage.json");
        // its report is long: shown only when the package is invalid
        let report = cmd!(
            sh,
            "python3 -m frictionless validate --type package {descriptor}"
        )
        .quiet()
        .ignore_status()
        .output()
        .context("cannot run `python3 -m frictionless`")?;
        if !report.status.success() {
            println!("{}", String::from_utf8_lossy(&report.stdout));
            eprintln!("{}", String::from_utf8_lossy(&report.stderr));
            bail!("{descriptor} does not pass `frictionless validate --type package`");
        }
        println!("{descriptor} passes frictionless validate");
    }
    if python_has(sh, "openpyxl")? {
        let (xlsx, json) = (
            format!("{out}/alliance.xlsx"),
            format!("{out}/alliance.json"),
        );
        // run without echoing the script, and fail with a short message
        let report = cmd!(sh, "python3 -c {READ_BACK} {xlsx} {json}")
            .quiet()
            .ignore_status()
            .output()
            .context("cannot run python3")?;
        print!("{}", String::from_utf8_lossy(&report.stdout));
        eprint!("{}", String::from_utf8_lossy(&report.stderr));
        if !report.status.success() {
            bail!("{xlsx} does not read back as {json} (openpyxl)");
        }
    }
    Ok(())
}

/// The openpyxl read-back: `python3 -c READ_BACK alliance.xlsx alliance.json`.
const READ_BACK: &str = r#"import json, sys
import openpyxl

xlsx_path, json_path = sys.argv[1], sys.argv[2]
doc = json.load(open(json_path, encoding="utf-8"))
wb = openpyxl.load_workbook(xlsx_path)
problems = []

def fail(message):
    problems.append(message)

expected = ["Recommendations", "Summary", "Conferences", "Sessions", "Participants", "People",
            "Organizations", "Themes", "Instruments", "About"]
DATA_SHEETS = [s for s in expected if s not in ("Summary", "About")]
if wb.sheetnames != expected:
    fail(f"sheets are {wb.sheetnames}, expected {expected}")

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
for ws in wb.worksheets:
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                fail(f"{ws.title}!{cell.coordinate} is a formula: {cell.value!r}")
            if isinstance(cell.value, str) and cell.value.startswith(TRIGGERS) and not cell.quotePrefix:
                fail(f"{ws.title}!{cell.coordinate} starts like a formula but has no quote prefix")

def rows(name):
    """The data rows of a sheet's one table, as dicts by header."""
    if name not in wb.sheetnames:
        return []
    ws = wb[name]
    if len(ws.tables) != 1:
        fail(f"{name}: {len(ws.tables)} tables, expected 1")
        return []
    table = next(iter(ws.tables.values()))
    if ws.freeze_panes != "A2":
        fail(f"{name}: frozen panes at {ws.freeze_panes}, expected the header row")
    if table.autoFilter is None:
        fail(f"{name}: the table has no header filters")
    cells = list(ws[table.ref])
    header = [c.value for c in cells[0]]
    out = []
    for line in cells[1:]:
        values = [c.value for c in line]
        if all(v is None for v in values):
            continue
        out.append({h: c for h, c in zip(header, line)})
    return out

def value(cell):
    return cell.value if cell.value is not None else ""

names = {}
for key, terms in [("themes", doc["themes"]), ("pillars", doc["pillars"]),
                   ("addressees", doc["vocabularies"]["addressees"]),
                   ("labels", doc["vocabularies"]["labels"])]:
    names[key] = {t["id"]: t["name"] for t in terms}

recs = rows("Recommendations")
if len(recs) != len(doc["recommendations"]):
    fail(f"Recommendations: {len(recs)} rows, expected {len(doc['recommendations'])}")
session_rows = {}
for i, row in enumerate(rows("Sessions")):
    session_rows[row["ID"].row] = row["ID"].value
conferences = {c["id"]: c for c in doc["conferences"]}
for row, r in zip(recs, doc["recommendations"]):
    conference = conferences.get(r["conference"], {})
    got = {
        "id": value(row["ID"]), "conference": value(row["Conference"]),
        "edition": value(row["Edition"]), "year": value(row["Year"]),
        "session": value(row["Session ID"]), "order": value(row["Order"]),
        "label": value(row["Label"]), "text": value(row["Text"]),
        "themes": value(row["Themes"]), "pillars": value(row["Pillars"]),
        "addressees": value(row["Addressees"]),
        "section": value(row["Source section"]), "line": value(row["Source line"]),
    }
    want = {
        "id": r["id"], "conference": r["conference"], "session": r["session"],
        "edition": conference.get("edition"),
        "year": int(conference["start_date"][:4]) if conference else None,
        "order": r["order"], "label": names["labels"].get(r["label"], r["label"]),
        "text": r["text"],
        "themes": "; ".join(names["themes"].get(t, t) for t in r["themes"]),
        "pillars": "; ".join(names["pillars"].get(p, p) for p in r["pillars"]),
        "addressees": "; ".join(names["addressees"].get(a, a) for a in r["addressees"]),
        "section": r["source"]["section"], "line": r["source"]["line"],
    }
    for key in want:
        if got[key] != want[key]:
            fail(f"Recommendations row {r['id']}: {key} is {got[key]!r}, expected {want[key]!r}")
    link = row["Session ID"].hyperlink
    if link is None or link.location is None:
        fail(f"Recommendations row {r['id']}: the session has no link")
    else:
        target = int(link.location.split("!")[1].lstrip("A"))
        if session_rows.get(target) != r["session"]:
            fail(f"Recommendations row {r['id']}: the session links to row {target}")

def ids(name, column, records):
    got = [value(row[column]) for row in rows(name)]
    want = [rec["id"] for rec in records]
    if got != want:
        fail(f"{name}: {len(got)} rows with ids {got[:5]}..., expected {len(want)}: {want[:5]}...")

ids("Conferences", "ID", doc["conferences"])
figure_kinds = {t["id"]: t["name"] for t in doc["vocabularies"]["figure_kinds"]}
for row, c in zip(rows("Conferences"), doc["conferences"]):
    source = c.get("source") or {}
    got = {key: value(row[header]) for key, header in [
        ("edition", "Edition"), ("title", "Title"), ("start_date", "Start date"),
        ("end_date", "End date"), ("city", "City"), ("venue", "Venue"),
        ("source_title", "Source title"), ("source_report", "Source report")]}
    want = {"edition": c["edition"], "title": c["title"], "start_date": c["start_date"],
            "end_date": c["end_date"], "city": c["city"], "venue": c["venue"],
            "source_title": source.get("title", ""), "source_report": source.get("report", "")}
    for f in c["figures"]:
        name = figure_kinds.get(f["kind"], f["kind"])
        if f.get("session") is None and name not in got:
            got[name] = value(row[name]) if name in row else "(no column)"
            want[name] = f["value"]
    for key in want:
        if got[key] != want[key]:
            fail(f"Conferences row {c['id']}: {key} is {got[key]!r}, expected {want[key]!r}")
ids("Sessions", "ID", doc["sessions"])
ids("People", "ID", doc["people"])
ids("Organizations", "ID", doc["organizations"])
ids("Themes", "ID", doc["themes"])
ids("Instruments", "ID", doc["instruments"])
got = [(value(r["Session ID"]), value(r["Person ID"])) for r in rows("Participants")]
want = [(s["id"], p["person"]) for s in doc["sessions"] for p in s["participants"]]
if got != want:
    fail(f"Participants: {len(got)} rows, expected {len(want)}")
about = {value(r["Item"]): value(r["Value"]) for r in rows("About")}
for sheet, count in [("Recommendations", len(doc["recommendations"])),
                     ("Sessions", len(doc["sessions"])), ("People", len(doc["people"]))]:
    if about.get(f"Rows: {sheet}") != count:
        fail(f"About: rows of {sheet} say {about.get(f'Rows: {sheet}')!r}, expected {count}")
if about.get("Dataset version") != doc["release"]["version"]:
    fail("About: the dataset version differs from alliance.json's")
for sheet in DATA_SHEETS:
    if sheet not in wb.sheetnames:
        continue
    for cell in wb[sheet][1]:
        if cell.value is not None and not about.get(f"{sheet}: {cell.value}"):
            fail(f"About: no description of column {cell.value!r} of the {sheet} sheet")
if "Blank when" not in about.get("Recommendations: Addressees", ""):
    fail("About: the Addressees column does not say what a blank cell means")

if "Summary" in wb.sheetnames:
    summary = wb["Summary"]
    if len(summary.tables) != 2:
        fail(f"Summary: {len(summary.tables)} tables, expected 2")
    if doc["themes"] and len(summary._charts) != 1:
        fail(f"Summary: {len(summary._charts)} charts, expected 1")
    by_theme = {}
    for r in doc["recommendations"]:
        for t in set(r["themes"]):
            by_theme[t] = by_theme.get(t, 0) + 1
    table = summary.tables["ThemesByPillar"]
    cells = list(summary[table.ref])
    for t, line in zip(doc["themes"], cells[1:]):
        if line[0].value != t["name"] or line[-1].value != by_theme.get(t["id"], 0):
            fail(f"Summary: theme {t['id']} row is {[c.value for c in line]}")

for p in problems[:40]:
    print(p)
if problems:
    print(f"alliance.xlsx: {len(problems)} problems")
    sys.exit(1)
print(f"alliance.xlsx reads back: {len(wb.sheetnames)} sheets, {len(recs)} recommendations equal alliance.json's")
"#;
