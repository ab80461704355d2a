//! Exit statuses and messages common to every command.

use crate::util::{Dir, stderr};

#[test]
fn usage_error_exits_1() {
    let d = Dir::new("usage");
    let o = d.run(&["geocode"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let o = d.run(&["no-such-command"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn help_and_version_exit_0() {
    let d = Dir::new("help");
    for flag in ["--help", "--version"] {
        let o = d.run(&[flag]);
        assert_eq!(o.status.code(), Some(0), "{flag}");
    }
    let help = crate::util::stdout(&d.run(&["--help"]));
    assert!(help.contains("GeoNames"), "{help}");
}
