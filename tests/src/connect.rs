//! The fake Amazon Connect API, started in-process, and an SDK client pointed at it by endpoint
//! URL (what `AWS_ENDPOINT_URL_CONNECT` does for the deployed function).

use exsync::config::ConnectInstanceId;
use exsync::connect_api;
use exsync::mapping::{ConnectOptions, ConnectPacing};
use genesys_emulator::connect::{ConnectFakeConfig, ConnectHandle, InstanceSpec, generate};

/// A running fake Connect instance and a client for it.
#[derive(Debug)]
pub struct FakeConnect {
    /// the fake (request log, throttling, changes)
    pub handle: ConnectHandle,
    /// the SDK client, backoffs of milliseconds
    pub client: connect_api::Client,
    /// the instance's id
    pub instance: ConnectInstanceId,
    /// `http://127.0.0.1:PORT`
    pub endpoint: String,
}

impl FakeConnect {
    /// Starts a fake serving the instance `spec` generates.
    ///
    /// # Panics
    /// When the fake cannot start.
    pub async fn start(spec: InstanceSpec, config: ConnectFakeConfig) -> Self {
        let (endpoint, handle) = genesys_emulator::connect::start(generate(spec), config)
            .await
            .unwrap_or_else(|e| panic!("fake connect did not start: {e}"));
        let instance = ConnectInstanceId::parse(&handle.instance_id())
            .unwrap_or_else(|e| panic!("generated instance id: {e}"));
        Self {
            client: connect_api::loopback_client(&endpoint),
            handle,
            instance,
            endpoint,
        }
    }
}

/// Pacing for tests: no waiting, ten attempts.
pub fn fast_pacing() -> ConnectPacing {
    ConnectPacing {
        requests_per_second: 1000,
        burst: 1000,
        max_attempts: 10,
    }
}

/// The mapping's `connect` section for tests: `Language` attributes are languages, `Lunch` is a
/// meal, fast pacing.
pub fn options() -> ConnectOptions {
    ConnectOptions {
        language_attributes: vec!["Language".into()],
        status_presence: [("Lunch".to_owned(), exsync::presence::SystemPresence::Meal)].into(),
        pacing: fast_pacing(),
        ..ConnectOptions::default()
    }
}

/// Connect ids in the contact trace record fixtures → the example org's external ids (config sync
/// from Connect would register the Connect ids themselves).
pub const EXAMPLE_IDS: [(&str, &str); 5] = [
    ("4f9c2a10-8d3e-4b71-a0c5-2e6f7a8b9c01", "agent-1001"),
    ("4f9c2a10-8d3e-4b71-a0c5-2e6f7a8b9c03", "agent-1003"),
    ("4f9c2a10-8d3e-4b71-a0c5-2e6f7a8b9c04", "agent-1004"),
    ("9e2d1c30-5a4b-4c6d-8e7f-0a1b2c3d4e01", "q-billing-de"),
    ("9e2d1c30-5a4b-4c6d-8e7f-0a1b2c3d4e02", "q-retention-de"),
];

/// The `exsync` crate's contact trace record fixture `name`
/// (`shared/tests/fixtures/connect/ctr/<name>.json` in the workspace), with the example org's ids
/// in place of its Connect ids.
///
/// # Panics
/// When the fixture cannot be read.
pub fn ctr_fixture(name: &str) -> String {
    let workspace = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or_else(|| panic!("the tests crate sits in the workspace"));
    let path = workspace
        .join("shared")
        .join("tests/fixtures/connect/ctr")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    EXAMPLE_IDS.iter().fold(text, |text, (connect, example)| {
        text.replace(connect, example)
    })
}
