//! The repo's `examples/`, parsed.

use std::path::PathBuf;

use exsync::external::{ConfigSnapshot, parse_snapshot};
use exsync::mapping::{MappingDocument, parse_mapping};

/// The repo's `examples/` folder.
pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples")
}

fn read(rel: &str) -> String {
    let path = dir().join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `examples/config/<name>.json`
pub fn snapshot(name: &str) -> ConfigSnapshot {
    parse_snapshot(&read(&format!("config/{name}.json")))
        .unwrap_or_else(|e| panic!("example snapshot {name}: {e}"))
}

/// `examples/mapping.json`
pub fn mapping() -> MappingDocument {
    parse_mapping(&read("mapping.json")).unwrap_or_else(|e| panic!("example mapping: {e}"))
}
