//! The project file, `stance.toml`: found in the working folder or the
//! nearest folder above it, it names a repository's rules, gold, floors and
//! articles, so that `stance eval` there needs no flags. Flags win over the
//! file, and the file over the built-in defaults.
//!
//! ```toml
//! rules = "rules"                 # --rules for every command
//! gold = ["gold/seeds.jsonl"]     # --gold for eval
//! floors = "gold/floors.toml"     # --floors for eval, with the file's own gold
//! articles = "gold/articles"      # --articles for classify
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Location, Result};

/// The name of the project file.
pub const PROJECT_FILE: &str = "stance.toml";

/// What a project file names, with paths resolved against its folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Project {
    /// The file read.
    pub file: PathBuf,
    /// Rules file or folder.
    pub rules: Option<PathBuf>,
    /// Gold files or folders.
    pub gold: Vec<PathBuf>,
    /// The floors file (applies when the gold is the project's).
    pub floors: Option<PathBuf>,
    /// The articles folder.
    pub articles: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    rules: Option<PathBuf>,
    #[serde(default)]
    gold: Vec<PathBuf>,
    floors: Option<PathBuf>,
    articles: Option<PathBuf>,
}

impl Project {
    /// The project file of `start` or of the nearest folder above it, if
    /// any. A file that does not parse is a configuration error naming file,
    /// line and column.
    pub fn find(start: &Path) -> Result<Option<Project>> {
        for dir in start.ancestors() {
            let file = dir.join(PROJECT_FILE);
            if file.is_file() {
                return Project::load(&file, start).map(Some);
            }
        }
        Ok(None)
    }

    /// Reads a project file. Its paths are relative to its folder; they are
    /// given relative to `cwd` when they lie under it (shorter messages,
    /// and the paths a CI annotation needs).
    pub fn load(file: &Path, cwd: &Path) -> Result<Project> {
        let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
        let name = file.display().to_string();
        let raw: Raw = toml::from_str(&text).map_err(|e| {
            let loc = e.span().map(|s| Location::from_span(&name, &text, s));
            Error::rule(loc, None, e.message().trim().to_string())
        })?;
        let dir = file.parent().unwrap_or(Path::new("."));
        let resolve = |p: PathBuf| {
            let full = dir.join(p);
            match full.strip_prefix(cwd) {
                Ok(rel) if rel.as_os_str().is_empty() => PathBuf::from("."),
                Ok(rel) => rel.to_path_buf(),
                Err(_) => full,
            }
        };
        Ok(Project {
            file: file.to_path_buf(),
            rules: raw.rules.map(resolve),
            gold: raw.gold.into_iter().map(resolve).collect(),
            floors: raw.floors.map(resolve),
            articles: raw.articles.map(resolve),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn found_upward_with_paths_relative_to_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(
            root.join(PROJECT_FILE),
            "rules = \"rules\"\ngold = [\"gold/a.jsonl\"]\nfloors = \"gold/floors.toml\"\n",
        )
        .unwrap();
        let sub = root.join("gold/deeper");
        std::fs::create_dir_all(&sub).unwrap();
        let p = Project::find(&sub).unwrap().unwrap();
        assert_eq!(p.file, root.join(PROJECT_FILE));
        // Outside the working folder: the full path.
        assert_eq!(p.rules, Some(root.join("rules")));
        // From the project's folder: relative paths.
        let p = Project::find(&root).unwrap().unwrap();
        assert_eq!(p.gold, [PathBuf::from("gold/a.jsonl")]);
        assert_eq!(p.floors, Some(PathBuf::from("gold/floors.toml")));
        assert_eq!(p.articles, None);
    }

    #[test]
    fn a_bad_project_file_names_file_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(root.join(PROJECT_FILE), "rules = \"r\"\nglod = [\"g\"]\n").unwrap();
        let e = Project::find(&root).unwrap_err().to_string();
        assert!(e.contains("stance.toml:2:1: unknown field `glod`"), "{e}");
        let empty = tempfile::tempdir().unwrap();
        // The temporary folder's ancestors hold no project file.
        assert_eq!(Project::find(empty.path()).unwrap(), None);
    }
}
