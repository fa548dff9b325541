//! AWS regions and the partition each one belongs to.

use std::fmt;

use crate::diagnostic::Problem;

/// Regions gen-repl knows by name. AWS adds regions every year, so a
/// well-formed name missing here is accepted with a warning, not refused.
const KNOWN_REGIONS: &[&str] = &[
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "cn-north-1",
    "cn-northwest-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-gov-east-1",
    "us-gov-west-1",
    "us-west-1",
    "us-west-2",
];

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Region(String);

/// A region that parsed, and whether gen-repl recognised it.
pub struct ParsedRegion {
    pub region: Region,
    pub known: bool,
}

impl Region {
    pub fn parse(input: &str) -> Result<ParsedRegion, Problem> {
        if KNOWN_REGIONS.contains(&input) {
            return Ok(ParsedRegion {
                region: Region(input.to_owned()),
                known: true,
            });
        }
        if let Some(near) = nearest_known(input) {
            return Err(Problem::new(format!("`{input}` is not a known AWS region"))
                .help(format!("did you mean `{near}`?")));
        }
        if is_well_formed(input) {
            return Ok(ParsedRegion {
                region: Region(input.to_owned()),
                known: false,
            });
        }
        Err(Problem::new(format!("`{input}` is not an AWS region name"))
            .help("a region looks like `us-west-2` or `ap-southeast-2`"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The partition whose ARNs and endpoints this region uses.
    pub fn partition(&self) -> &'static str {
        if self.0.starts_with("cn-") {
            "aws-cn"
        } else if self.0.starts_with("us-gov-") {
            "aws-us-gov"
        } else {
            "aws"
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `xx-name-N` or `xx-gov-name-N`: lowercase words separated by hyphens,
/// ending in a number.
fn is_well_formed(input: &str) -> bool {
    let parts: Vec<&str> = input.split('-').collect();
    if !(3..=4).contains(&parts.len()) {
        return false;
    }
    let (number, words) = parts.split_last().expect("at least three parts");
    let number_ok = !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit());
    let words_ok = words
        .iter()
        .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()));
    number_ok && words_ok && words[0].len() == 2
}

/// A known region one or two edits away, for "did you mean".
fn nearest_known(input: &str) -> Option<&'static str> {
    let lowered = input.to_ascii_lowercase();
    KNOWN_REGIONS
        .iter()
        .map(|known| (strsim::damerau_levenshtein(&lowered, known), *known))
        .filter(|(distance, _)| *distance <= 2)
        .min()
        .map(|(_, known)| known)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_region_is_accepted() {
        let parsed = Region::parse("ap-southeast-2").unwrap();
        assert!(parsed.known);
        assert_eq!(parsed.region.partition(), "aws");
    }

    #[test]
    fn misspelt_region_suggests_the_known_one() {
        let problem = Region::parse("eu-wset-1").err().unwrap();
        assert_eq!(problem.help.as_deref(), Some("did you mean `eu-west-1`?"));
    }

    #[test]
    fn uppercase_region_suggests_lowercase() {
        let problem = Region::parse("US-WEST-2").err().unwrap();
        assert_eq!(problem.help.as_deref(), Some("did you mean `us-west-2`?"));
    }

    #[test]
    fn well_formed_unknown_region_is_accepted_as_unknown() {
        let parsed = Region::parse("xy-polar-9").unwrap();
        assert!(!parsed.known);
    }

    #[test]
    fn malformed_region_is_rejected() {
        assert!(Region::parse("westeurope").is_err());
        assert!(Region::parse("us-west").is_err());
        assert!(Region::parse("").is_err());
    }

    #[test]
    fn china_and_govcloud_regions_have_their_partitions() {
        assert_eq!(
            Region::parse("cn-north-1").unwrap().region.partition(),
            "aws-cn"
        );
        assert_eq!(
            Region::parse("us-gov-west-1").unwrap().region.partition(),
            "aws-us-gov"
        );
    }
}
