//! Starting the fake Connect API on loopback: [`start`] binds and serves; [`ConnectHandle`] reads
//! and changes it (request log, throttled requests, the instance) from tests and the demo.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::instance::FakeInstance;
use super::operations::Operation;
use super::routes;
use super::state::{ConnectFakeConfig, ConnectRequest, Fake, lock};
use crate::error::EmulatorError;

/// A running fake.
#[derive(Debug)]
pub struct ConnectHandle {
    fake: Arc<Fake>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

/// Starts the fake Connect API for `instance` on 127.0.0.1 and returns its endpoint URL.
///
/// # Errors
/// [`EmulatorError::Bind`] when the port is taken.
pub async fn start(
    instance: FakeInstance,
    config: ConnectFakeConfig,
) -> Result<(String, ConnectHandle), EmulatorError> {
    let port = config.port;
    let listener = TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|source| EmulatorError::Bind { port, source })?;
    let bound = listener
        .local_addr()
        .map_err(|source| EmulatorError::Bind { port, source })?;
    let base_url = format!("http://127.0.0.1:{}", bound.port());
    let fake = Arc::new(Fake {
        instance: Mutex::new(instance),
        config: Mutex::new(config),
        log: Mutex::new(Vec::new()),
        seen: Mutex::new(BTreeMap::new()),
    });
    let router = routes::router(fake.clone());
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let served = axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
        if let Err(error) = served {
            tracing::error!(%error, "fake connect api stopped");
        }
    });
    tracing::info!(%base_url, "fake amazon connect api listening");
    let handle = ConnectHandle {
        fake,
        shutdown: Some(tx),
        task: Some(task),
    };
    Ok((base_url, handle))
}

impl ConnectHandle {
    /// The instance id.
    pub fn instance_id(&self) -> String {
        lock(&self.fake.instance).id.clone()
    }

    /// Every request answered, oldest first.
    pub fn requests(&self) -> Vec<ConnectRequest> {
        lock(&self.fake.log).clone()
    }

    /// Requests per operation (throttled ones included).
    pub fn counts(&self) -> BTreeMap<Operation, usize> {
        let mut counts = BTreeMap::new();
        for request in lock(&self.fake.log).iter() {
            *counts.entry(request.operation).or_insert(0) += 1;
        }
        counts
    }

    /// Requests answered 429.
    pub fn throttled(&self) -> usize {
        lock(&self.fake.log)
            .iter()
            .filter(|r| r.status == 429)
            .count()
    }

    /// Changes the instance (a user loses their email, a queue is renamed, ...).
    pub fn update(&self, change: impl FnOnce(&mut FakeInstance)) {
        change(&mut lock(&self.fake.instance));
    }

    /// Stops the server and waits for it.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for ConnectHandle {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}
