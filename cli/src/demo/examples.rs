//! The example files the later stages read (agent-state shift, interaction records, recordings),
//! embedded in the binary and written under the demo's state directory, so the demo runs from
//! any directory.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

/// (path under `examples/`, bytes)
const FILES: &[(&str, &[u8])] = &[
    (
        "agent-state/shift.json",
        include_bytes!("../../../examples/agent-state/shift.json"),
    ),
    (
        "interactions/01-inbound.json",
        include_bytes!("../../../examples/interactions/01-inbound.json"),
    ),
    (
        "interactions/02-hold.json",
        include_bytes!("../../../examples/interactions/02-hold.json"),
    ),
    (
        "interactions/03-blind-transfer.json",
        include_bytes!("../../../examples/interactions/03-blind-transfer.json"),
    ),
    (
        "interactions/04-consult-transfer.json",
        include_bytes!("../../../examples/interactions/04-consult-transfer.json"),
    ),
    (
        "interactions/05-abandoned.json",
        include_bytes!("../../../examples/interactions/05-abandoned.json"),
    ),
    (
        "interactions/06-outbound.json",
        include_bytes!("../../../examples/interactions/06-outbound.json"),
    ),
    (
        "recordings/call-20261124-0001.wav",
        include_bytes!("../../../examples/recordings/call-20261124-0001.wav"),
    ),
    (
        "recordings/call-20261124-0001.wav.json",
        include_bytes!("../../../examples/recordings/call-20261124-0001.wav.json"),
    ),
    (
        "recordings/call-20261124-0002_20261124T082000Z.wav",
        include_bytes!("../../../examples/recordings/call-20261124-0002_20261124T082000Z.wav"),
    ),
    (
        "recordings/call-20261124-0003.wav",
        include_bytes!("../../../examples/recordings/call-20261124-0003.wav"),
    ),
    (
        "recordings/call-20261124-0004.wav",
        include_bytes!("../../../examples/recordings/call-20261124-0004.wav"),
    ),
    (
        "recordings/call-20261124-0006.opus",
        include_bytes!("../../../examples/recordings/call-20261124-0006.opus"),
    ),
];

/// Writes the embedded examples under `<state_dir>/examples/` and returns that folder.
///
/// # Errors
/// A file cannot be written.
pub fn unpack(state_dir: &Path) -> anyhow::Result<PathBuf> {
    let root = state_dir.join("examples");
    for (rel, bytes) in FILES {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(root)
}
