//! What every JSON report says about where it came from: the version of its
//! schema and a hash of the rules that made it, so that a saved report can
//! be told apart from one made by other rules or read by a newer `stance`.

use crate::rules::RuleSet;

/// The version of the JSON reports' schemas. Raised when a key changes
/// meaning or goes away; new keys do not raise it.
pub const SCHEMA_VERSION: u32 = 1;

impl RuleSet {
    /// A hash of the rule set's content (every rule, setting and claim, with
    /// where each is written), as 32 hex digits. Files are named by their
    /// file name only, so the embedded rules and a copy of `rules/` hash
    /// alike wherever the copy is.
    pub fn digest(&self) -> String {
        let mut text = format!("{:?}\n{:?}\n{:?}", self.settings, self.claim, self.rules);
        for file in &self.files {
            let name = std::path::Path::new(file)
                .file_name()
                .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned());
            text = text.replace(&format!("{file:?}"), &format!("{name:?}"));
        }
        format!("{:032x}", xxhash_rust::xxh3::xxh3_128(text.as_bytes()))
    }
}

/// `report` (a JSON object) with `schema_version` and, when rules made it,
/// `rules_digest` as its first keys. Anything else is returned as it is.
pub fn stamp(report: serde_json::Value, rules: Option<&RuleSet>) -> serde_json::Value {
    let serde_json::Value::Object(fields) = report else {
        return report;
    };
    let mut out = serde_json::Map::new();
    out.insert("schema_version".into(), SCHEMA_VERSION.into());
    if let Some(rules) = rules {
        out.insert("rules_digest".into(), rules.digest().into());
    }
    for (k, v) in fields {
        out.entry(k).or_insert(v);
    }
    serde_json::Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_rules_and_the_rules_folder_hash_alike_and_an_edit_changes_the_hash() {
        let embedded = RuleSet::default_rules();
        let folder = RuleSet::from_path(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/rules"
        )))
        .unwrap();
        assert_eq!(embedded.digest(), folder.digest());
        assert_eq!(embedded.digest().len(), 32);
        let mut edited = folder.clone();
        edited.rules[0].priority += 1;
        assert_ne!(edited.digest(), folder.digest());
    }

    #[test]
    fn stamp_puts_the_version_and_digest_first() {
        let rules = RuleSet::default_rules();
        let v = stamp(serde_json::json!({"n": 1}), Some(&rules));
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["schema_version", "rules_digest", "n"]);
        assert_eq!(v["schema_version"], SCHEMA_VERSION);
        let v = stamp(serde_json::json!({"n": 1}), None);
        assert!(v.get("rules_digest").is_none() && v["n"] == 1);
    }
}
