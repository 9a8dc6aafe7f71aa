//! `all` (the main job) and `ci` (everything CI checks).

use anyhow::{Context, bail};
use xshell::{Shell, cmd};

/// Lints `data/`, exports it and renders the briefs into `out/`.
pub(crate) fn all(sh: &Shell) -> anyhow::Result<()> {
    build_binaries(sh, false)?;
    run_pipeline(sh, "out")
}

/// Everything CI checks. Under `CI=true` a missing external checker is a failure.
pub(crate) fn ci(sh: &Shell) -> anyhow::Result<()> {
    step("cargo fmt --check");
    cmd!(sh, "cargo fmt --all -- --check").run()?;
    step("cargo clippy");
    cmd!(
        sh,
        "cargo clippy --workspace --all-targets --locked -- -D warnings"
    )
    .run()?;
    step("cargo doc (warnings denied)");
    {
        // broken intra-doc links fail like clippy's warnings
        let _flags = sh.push_env("RUSTDOCFLAGS", "-D warnings");
        cmd!(sh, "cargo doc --workspace --no-deps --locked --quiet").run()?;
    }
    build_binaries(sh, true)?;
    step("cargo test");
    cmd!(sh, "cargo test --workspace --locked").run()?;
    let out = "target/ci-out";
    let _ = sh.remove_path(out);
    run_pipeline(sh, out)?;
    step("output checks");
    check_json_schema(sh, out)?;
    crate::check_export::check(sh, out)?;
    check_source_schemas(sh)?;
    crate::check_briefs::check(sh, out)?;
    crate::check_lint::check(sh, out)?;
    check_synthetic(sh, out)?;
    check_workflows(sh)?;
    println!("\nxtask ci: all checks passed");
    Ok(())
}

fn build_binaries(sh: &Shell, locked: bool) -> anyhow::Result<()> {
    step("cargo build (binaries)");
    let locked = locked.then_some("--locked");
    cmd!(sh, "cargo build --quiet --workspace --bins {locked...}").run()?;
    Ok(())
}

/// Cargo's target folder: `CARGO_TARGET_DIR` when set, else `target`.
pub(crate) fn target_dir() -> String {
    std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".to_owned())
}

pub(crate) fn bin(name: &str) -> String {
    format!(
        "{}/debug/{name}{}",
        target_dir(),
        std::env::consts::EXE_SUFFIX
    )
}

fn run_pipeline(sh: &Shell, out: &str) -> anyhow::Result<()> {
    let (lint, export, brief) = (
        bin("alliance-lint"),
        bin("alliance-export"),
        bin("alliance-brief"),
    );
    step("alliance-lint data --deny-warnings");
    cmd!(sh, "{lint} data --deny-warnings")
        .run()
        .context("the dataset has findings")?;
    step(&format!("alliance-export data --out {out}"));
    cmd!(sh, "{export} data --out {out}").run()?;
    step(&format!("alliance-brief data --out {out}/briefs"));
    cmd!(sh, "{brief} data --out {out}/briefs").run()?;
    println!("\noutputs are in {out}/");
    Ok(())
}

/// Validates `alliance.json` against `alliance.schema.json` with Python's `jsonschema`
/// (an independent implementation of draft 2020-12).
fn check_json_schema(sh: &Shell, out: &str) -> anyhow::Result<()> {
    if !python_has(sh, "jsonschema")? {
        return Ok(());
    }
    let script = "import json,sys,jsonschema
schema=json.load(open(sys.argv[1])); doc=json.load(open(sys.argv[2]))
jsonschema.Draft202012Validator.check_schema(schema)
errors=list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
[print(e.json_path, e.message) for e in errors[:20]]
sys.exit(1 if errors else 0)";
    let (schema, doc) = (
        format!("{out}/alliance.schema.json"),
        format!("{out}/alliance.json"),
    );
    cmd!(sh, "python3 -c {script} {schema} {doc}")
        .quiet()
        .run()
        .context("alliance.json does not validate against alliance.schema.json")?;
    println!("alliance.json validates against alliance.schema.json (jsonschema, draft 2020-12)");
    Ok(())
}

/// Validates every TOML data file against the JSON Schema its `#:schema` line names, with
/// Python's `tomllib` and `jsonschema`: what an editor with schema support will check.
fn check_source_schemas(sh: &Shell) -> anyhow::Result<()> {
    if !python_has(sh, "jsonschema")? {
        return Ok(());
    }
    let script = "import json,pathlib,sys,tomllib,jsonschema
bad=0; n=0
for path in sorted(pathlib.Path('data').rglob('*.toml')):
    first=path.read_text(encoding='utf-8').splitlines()[0]
    assert first.startswith('#:schema '), f'{path}: no #:schema line'
    schema=json.loads((path.parent/first[len('#:schema '):]).read_text())
    doc=tomllib.loads(path.read_text(encoding='utf-8'))
    for e in jsonschema.Draft202012Validator(schema).iter_errors(doc):
        bad+=1; print(f'{path}: {e.json_path}: {e.message}')
    n+=1
print(f'{n} data files validate against their schemas' if not bad else f'{bad} schema errors')
sys.exit(1 if bad else 0)";
    cmd!(sh, "python3 -c {script}")
        .quiet()
        .run()
        .context("a data file does not validate against its JSON Schema")?;
    Ok(())
}

/// 10k synthetic recommendations (`cargo xtask gen`) lint clean, and their exported CSV package
/// passes `frictionless validate`.
fn check_synthetic(sh: &Shell, out: &str) -> anyhow::Result<()> {
    let data = format!("{out}/synthetic-10k");
    let exported = format!("{out}/synthetic-10k-export");
    let args = crate::generate::GenArgs {
        recommendations: 10_000,
        out: sh.current_dir().join(&data),
        seed: 17,
    };
    crate::generate::run(&sh.current_dir(), &args)?;
    let (lint, export) = (bin("alliance-lint"), bin("alliance-export"));
    cmd!(sh, "{lint} {data} --deny-warnings")
        .run()
        .context("the synthetic dataset has findings")?;
    cmd!(sh, "{export} {data} --out {exported} --format csv").run()?;
    if python_has(sh, "frictionless")? {
        let package = format!("{exported}/csv/datapackage.json");
        cmd!(
            sh,
            "python3 -m frictionless validate --type package {package}"
        )
        .quiet()
        .ignore_stdout()
        .run()
        .context("the synthetic dataset's CSV package does not pass frictionless validate")?;
        println!(
            "10k synthetic recommendations lint clean; their CSV package passes frictionless validate"
        );
    }
    Ok(())
}

/// The workflow and the composite action other repositories copy pass `zizmor` (the GitHub
/// Actions security linter, pinned in `.ci/run`) with no finding: actions pinned by commit, no
/// persisted credentials, nothing written to `$GITHUB_ENV`.
fn check_workflows(sh: &Shell) -> anyhow::Result<()> {
    step("zizmor .github/workflows/ci.yml action.yml");
    if !command_exists(sh, "zizmor", "zizmor")? {
        return Ok(());
    }
    cmd!(
        sh,
        "zizmor --offline --no-progress .github/workflows/ci.yml action.yml"
    )
    .run()
    .context("zizmor reports findings in the workflow or the action")?;
    Ok(())
}

/// Whether `program` runs (`program --version`); under `CI=true` its absence is an error.
/// `package` is what `.ci/run` installs it from.
pub(crate) fn command_exists(sh: &Shell, program: &str, package: &str) -> anyhow::Result<bool> {
    let found = cmd!(sh, "{program} --version")
        .quiet()
        .ignore_stdout()
        .ignore_stderr()
        .run()
        .is_ok();
    if !found {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            bail!("`{program}` is missing; .ci/run installs it ({package})");
        }
        eprintln!("warning: skipping a check: `{program}` is missing (see .ci/run)");
    }
    Ok(found)
}

/// Whether Python can import `module`; under `CI=true` its absence is an error.
pub(crate) fn python_has(sh: &Shell, module: &str) -> anyhow::Result<bool> {
    let code = format!("import {module}");
    let found = cmd!(sh, "python3 -c {code}")
        .quiet()
        .ignore_stderr()
        .run()
        .is_ok();
    if !found {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            bail!("the Python module `{module}` is missing; .ci/run installs it");
        }
        eprintln!(
            "warning: skipping a check: the Python module `{module}` is missing (see .ci/run)"
        );
    }
    Ok(found)
}

fn step(name: &str) {
    println!("\n==> {name}");
}
