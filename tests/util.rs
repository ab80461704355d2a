//! A private directory per test and a way to run the real binary in it.

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A fresh directory under the target directory, kept after the test for
/// inspection.
pub struct Dir {
    pub root: PathBuf,
}

impl Dir {
    pub fn new(name: &str) -> Dir {
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("it")
            .join(format!("{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).expect("create test dir");
        Dir { root }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(&p, contents).expect("write fixture");
        p
    }

    /// The trailmap binary, run in this directory.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_trailmap"));
        c.current_dir(&self.root).args(args);
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().expect("run trailmap")
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts equality, printing both sides in full when they differ.
#[macro_export]
macro_rules! eqnice {
    ($want:expr, $got:expr) => {{
        let (want, got) = (&$want, &$got);
        if want != got {
            panic!("\nwant:\n```\n{want}\n```\ngot:\n```\n{got}\n```\n");
        }
    }};
}

/// Renders an SVG with resvg and the bundled fonts, saves a PNG for a
/// human to look at, and returns the share of non-white pixels.
pub fn rasterise(name: &str, svg: &str) -> f64 {
    let mut opt = resvg::usvg::Options::default();
    opt.fontdb_mut()
        .load_font_data(std::fs::read(root().join("data/fonts/DejaVuSans.ttf")).unwrap());
    opt.fontdb_mut()
        .load_font_data(std::fs::read(root().join("data/fonts/DejaVuSans-Bold.ttf")).unwrap());
    let tree = resvg::usvg::Tree::from_str(svg, &opt).expect("well-formed SVG");
    let size = tree.size().to_int_size();
    let scale = 2.0;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(
        (size.width() as f32 * scale) as u32,
        (size.height() as f32 * scale) as u32,
    )
    .unwrap();
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let dir = root().join("target/test-png");
    std::fs::create_dir_all(&dir).unwrap();
    pixmap.save_png(dir.join(format!("{name}.png"))).unwrap();
    let px = pixmap.pixels();
    let inked = px
        .iter()
        .filter(|p| p.red() < 250 || p.green() < 250 || p.blue() < 250)
        .count();
    inked as f64 / px.len() as f64
}

/// Compares with `tests/golden/<name>.svg`, or writes it when blessing.
pub fn golden(name: &str, svg: &str) {
    let path = root().join("tests/golden").join(format!("{name}.svg"));
    if std::env::var_os("TRAILMAP_BLESS").is_some() {
        std::fs::write(&path, svg).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("no {}; run with TRAILMAP_BLESS=1", path.display()));
    if want != svg {
        let got = path.with_extension("got.svg");
        std::fs::write(&got, svg).unwrap();
        panic!(
            "{} differs from its golden file; output saved to {}",
            name,
            got.display()
        );
    }
}

pub fn check(name: &str, svg: &str) {
    let ink = rasterise(name, svg);
    assert!(ink > 0.01, "{name} is blank ({ink})");
    golden(name, svg);
}

/// The wide-screen rendition of a graphic: what comes before its phone
/// rendition (`<g class="ph">`), or all of it when it has none.
pub fn wide(svg: &str) -> &str {
    svg.find("<g class=\"ph\">").map_or(svg, |i| &svg[..i])
}
