//! Well-known politicians and their parties, so that an actor the
//! articles name without a party (the Prime Minister of the day) still
//! gets the party's colour.
//!
//! The table is `data/politicians.csv` (`name,party,country,role,
//! wikipedia`): leaders and senior ministers of GB, IE, US, CA, AU, IN, FR
//! and DE, and a few others, hand-curated from the English Wikipedia
//! article each row names (see `data/README.md`). Party names are those
//! of the theme's party table. A party the events themselves give always
//! wins over this table.

use std::collections::HashMap;
use std::sync::LazyLock;

const CSV: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/politicians.csv"));

/// Names (lower case) to parties, read once.
static PARTIES: LazyLock<HashMap<String, String>> = LazyLock::new(|| parse(CSV));

fn parse(csv: &str) -> HashMap<String, String> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    reader
        .records()
        .map(|r| r.expect("data/politicians.csv is valid CSV (a test reads it)"))
        .map(|r| (r[0].to_lowercase(), r[1].to_string()))
        .collect()
}

/// The party of a well-known politician, by full name (any case).
pub fn party_of(name: &str) -> Option<&'static str> {
    PARTIES.get(&name.trim().to_lowercase()).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Theme;

    #[test]
    fn leaders_have_their_parties() {
        assert_eq!(party_of("Theresa May"), Some("Conservative"));
        assert_eq!(party_of("tim farron"), Some("Liberal Democrats"));
        assert_eq!(party_of("Narendra Modi"), Some("BJP"));
        assert_eq!(party_of("Tom Hartwell"), None);
    }

    #[test]
    fn the_table_is_whole_and_its_parties_have_colours() {
        let theme = Theme::default();
        let mut reader = csv::Reader::from_reader(CSV.as_bytes());
        let mut countries = std::collections::BTreeSet::new();
        for r in reader.records() {
            let r = r.unwrap();
            assert_eq!(r.len(), 5, "{r:?}");
            assert!(r.iter().all(|f| !f.trim().is_empty()), "{r:?}");
            countries.insert(r[2].to_string());
            // Horizons has no colour of its own: the palette serves it.
            if &r[1] != "Horizons" {
                assert!(theme.party_colour(&r[1]).is_some(), "{r:?}");
            }
        }
        for cc in ["GB", "IE", "US", "CA", "AU", "IN", "FR", "DE"] {
            assert!(countries.contains(cc), "{cc}");
        }
        assert_eq!(PARTIES.len(), CSV.lines().count() - 1, "names are unique");
    }
}
