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
