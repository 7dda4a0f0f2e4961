//! The pass-rate matrix of the metamorphic reader tests (tests/metamorph.rs: indicator rows,
//! tests/measures_metamorph.rs: measures): what became of each rendered item, counted per
//! feature tag, printed, and held against floors.

use std::collections::{BTreeMap, BTreeSet};

/// What became of one rendered item.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    Read,
    Missing,
    /// A record of the item with a figure or a department that is not its own.
    Wrong,
}

#[derive(Default)]
pub struct Tally {
    pub items: usize,
    pub read: usize,
    pub wrong: usize,
}

impl Tally {
    pub fn percent(&self) -> f64 {
        100.0 * self.read as f64 / self.items.max(1) as f64
    }
}

#[derive(Default)]
pub struct Results {
    pub per_tag: BTreeMap<String, Tally>,
    pub total: Tally,
    /// Items of the rendering read under another item's name.
    pub strays: usize,
    pub failures: Vec<String>,
}

/// Set to print every failing rendering (a form name, or 1 for all) with what was read.
const SHOW: &str = "PLANBOT_METAMORPH_SHOW";

/// `PLANBOT_METAMORPH_CASES=n,first` draws other renderings than the 40 per form the floors
/// were set on.
pub fn cases() -> (usize, usize) {
    std::env::var("PLANBOT_METAMORPH_CASES")
        .ok()
        .and_then(|v| v.split_once(',').and_then(|(n, f)| Some((n.parse().ok()?, f.parse().ok()?))))
        .unwrap_or((40, 0))
}

impl Results {
    /// Counts one item's outcome under each of its tags and in the total.
    pub fn count(&mut self, tags: &BTreeSet<String>, outcome: &Outcome) {
        let count = |tally: &mut Tally| {
            tally.items += 1;
            tally.read += usize::from(*outcome == Outcome::Read);
            tally.wrong += usize::from(*outcome == Outcome::Wrong);
        };
        tags.iter().for_each(|t| count(self.per_tag.entry(t.clone()).or_default()));
        count(&mut self.total);
    }

    /// Prints the matrix (`unit`: what an item is), then the failures [`SHOW`] asks for.
    pub fn print(&self, unit: &str, strays: &str) {
        println!("{:<32} {:>6} {:>6} {:>6} {:>7}", "feature", unit, "read", "wrong", "read %");
        for (tag, t) in &self.per_tag {
            println!("{tag:<32} {:>6} {:>6} {:>6} {:>6.1}%", t.items, t.read, t.wrong, t.percent());
        }
        let t = &self.total;
        println!("{:<32} {:>6} {:>6} {:>6} {:>6.1}%", "ALL", t.items, t.read, t.wrong, t.percent());
        println!("{strays}: {}", self.strays);
        if let Some(filter) = std::env::var_os(SHOW) {
            let filter = filter.to_string_lossy().to_string();
            for f in self.failures.iter().filter(|f| f.starts_with(&filter) || filter == "1") {
                println!("{f}");
            }
        }
    }

    /// Fails when the items read fall under `all` % overall or under a form's floor.
    pub fn assert_floors(&self, unit: &str, all: f64, forms: &[(&str, f64)]) {
        let got = self.total.percent();
        assert!(got >= all, "{got:.1}% of {unit} read, floor {all}%");
        for (form, floor) in forms {
            let got = self.per_tag.get(&format!("form:{form}")).map(Tally::percent).unwrap_or(0.0);
            assert!(got >= *floor, "form {form}: {got:.1}% read, floor {floor}%");
        }
    }
}
