//! Starting an emulator on loopback: [`start`] binds, builds the router and serves it in a
//! task; [`EmulatorHandle`] drives it from tests and the demo.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post, put};
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::app::{App, AppState, random_key};
use crate::config::EmulatorConfig;
use crate::contract::Contract;
use crate::error::{ApiError, EmulatorError};
use crate::faults::{FaultState, Faults};
use crate::reqlog::{MAX_LOGGED_BODY, RequestLog, RequestLogEntry};
use crate::state::Org;
use crate::tokens::{TokenStore, TokenUsage};
use crate::{admin, api, auth, layers, s3};

/// A running emulator.
#[derive(Debug)]
pub struct EmulatorHandle {
    app: App,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

/// Starts an emulator on `127.0.0.1:config.port` and returns its base URL and handle.
///
/// # Errors
/// [`EmulatorError::Bind`] when the port is taken; [`EmulatorError::Contract`] if the vendored
/// contract is unreadable.
pub async fn start(config: EmulatorConfig) -> Result<(String, EmulatorHandle), EmulatorError> {
    let contract = Contract::official()?;
    let port = config.port;
    let listener = TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|source| EmulatorError::Bind { port, source })?;
    let bound = listener
        .local_addr()
        .map_err(|source| EmulatorError::Bind { port, source })?;
    let base_url = format!("http://127.0.0.1:{}", bound.port());
    let app: App = Arc::new(AppState {
        contract,
        base_url: base_url.clone(),
        org: Mutex::new(Org::fresh()),
        tokens: Mutex::new(TokenStore::default()),
        faults: Mutex::new(FaultState::new(config.initial_faults())),
        log: Mutex::new(RequestLog::new(config.request_log_limit)),
        signing_key: random_key(),
        config,
    });
    let router = router(app.clone());
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let served = axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
        if let Err(error) = served {
            tracing::error!(%error, "emulator server stopped");
        }
    });
    tracing::info!(%base_url, "genesys emulator listening");
    Ok((
        base_url,
        EmulatorHandle {
            app,
            shutdown: Some(tx),
            task: Some(task),
        },
    ))
}

fn router(app: App) -> Router {
    let api = api::routes()
        .layer(DefaultBodyLimit::max(MAX_LOGGED_BODY))
        .route_layer(from_fn_with_state(app.clone(), layers::check_response))
        .route_layer(from_fn_with_state(app.clone(), auth::require_bearer));
    Router::new()
        .merge(api)
        .route("/oauth/token", post(auth::token))
        .route("/__uploads/{upload_id}/{*file_name}", put(s3::put_upload))
        .route("/__reports/{report_id}", get(s3::get_report))
        .nest("/__admin", admin::routes())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(from_fn_with_state(app.clone(), layers::inject_faults))
        .layer(from_fn_with_state(app.clone(), layers::log_requests))
        .with_state(app)
}

async fn not_found() -> ApiError {
    ApiError::not_found("no such resource")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        "method.not.allowed",
        "this method is not supported on this resource",
    )
}

impl EmulatorHandle {
    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        &self.app.base_url
    }

    /// Every logged request (admin calls excluded), oldest first.
    pub fn requests(&self) -> Vec<RequestLogEntry> {
        self.app.requests()
    }

    /// Empties the request log.
    pub fn clear_requests(&self) {
        self.app.clear_requests();
    }

    /// Every token issued, in issue order, with its OAuth client and the API calls made with it
    /// (never the token's value).
    pub fn token_usage(&self) -> Vec<TokenUsage> {
        self.app.token_usage()
    }

    /// The whole org as JSON.
    pub fn state_json(&self) -> Value {
        self.app.state_json()
    }

    /// The faults in force.
    pub fn faults(&self) -> Faults {
        self.app.faults()
    }

    /// Replaces the faults.
    pub fn set_faults(&self, faults: Faults) {
        self.app.set_faults(faults);
    }

    /// Back to a fresh org, an empty log and the config's faults (tokens stay valid).
    pub fn reset(&self) {
        self.app.reset();
    }

    /// Merges an org snapshot (the shape of [`Self::state_json`]).
    ///
    /// # Errors
    /// [`EmulatorError::Seed`] when the snapshot is malformed or names unknown objects.
    pub fn seed(&self, org: Value) -> Result<(), EmulatorError> {
        self.app.seed(org)
    }

    /// Stops serving; waits up to 5 s for in-flight calls, then aborts.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(mut task) = self.task.take()
            && tokio::time::timeout(Duration::from_secs(5), &mut task)
                .await
                .is_err()
        {
            task.abort();
        }
    }
}

impl Drop for EmulatorHandle {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
