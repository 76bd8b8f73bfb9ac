//! Test harness for exsync's end-to-end tests: a private moto server (S3, SQS) per test; the
//! Genesys emulator ([`genesys`]) and the fake Amazon Connect API ([`connect`]) in-process.
//!
//! `MotoServer::start()` picks a free loopback port, spawns `moto_server` (from `MOTO_SERVER`, the
//! repo's `.venv/bin/moto_server`, or `PATH`), waits until it accepts connections and kills it on
//! drop. If it cannot start, the test fails with a message saying how to install it: tests that
//! need S3 or SQS never skip.

pub mod connect;
pub mod examples;
pub mod genesys;
pub mod orgs;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use aws_config::BehaviorVersion;
use aws_config::Region;

/// A running moto server; killed when dropped.
#[derive(Debug)]
pub struct MotoServer {
    child: Child,
    endpoint: String,
}

fn moto_binary() -> PathBuf {
    if let Ok(path) = std::env::var("MOTO_SERVER") {
        return PathBuf::from(path);
    }
    let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.venv/bin/moto_server");
    if venv.exists() {
        return venv;
    }
    PathBuf::from("moto_server")
}

impl MotoServer {
    /// Starts a private moto server on a free loopback port.
    ///
    /// # Panics
    /// When moto cannot be started or does not answer within 30 s (the test then fails with the
    /// reason; run the README's test command, which installs moto).
    pub fn start() -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap_or_else(|e| panic!("cannot pick a free loopback port for moto: {e}"));
        let binary = moto_binary();
        let child = Command::new(&binary)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start moto server {} ({e}); run ./scripts/test.sh, which installs it into .venv, or set MOTO_SERVER",
                    binary.display()
                )
            });
        let mut server = Self {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        };
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let started = Instant::now();
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("moto server exited at start with {status}");
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "moto server did not answer on {addr} within 30 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    /// `http://127.0.0.1:PORT`
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// AWS SDK configuration pointed at this server, with static test credentials.
    pub async fn sdk_config(&self) -> aws_config::SdkConfig {
        sdk_config_for(&self.endpoint).await
    }

    /// A path-style S3 client for this server.
    pub async fn s3(&self) -> aws_sdk_s3::Client {
        s3_client_for(&self.endpoint).await
    }

    /// A Secrets Manager client for this server.
    pub async fn secrets(&self) -> aws_sdk_secretsmanager::Client {
        aws_sdk_secretsmanager::Client::new(&self.sdk_config().await)
    }

    /// An SQS client for this server.
    pub async fn sqs(&self) -> aws_sdk_sqs::Client {
        aws_sdk_sqs::Client::new(&self.sdk_config().await)
    }

    /// Creates a bucket and returns an S3 client for it.
    pub async fn bucket(&self, name: &str) -> aws_sdk_s3::Client {
        let s3 = self.s3().await;
        s3.create_bucket()
            .bucket(name)
            .send()
            .await
            .unwrap_or_else(|e| panic!("create bucket {name} on moto: {e:?}"));
        s3
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// AWS SDK configuration pointed at `endpoint` (moto, or a wiremock server playing S3), with
/// static test credentials.
pub async fn sdk_config_for(endpoint: &str) -> aws_config::SdkConfig {
    aws_config::defaults(BehaviorVersion::latest())
        .endpoint_url(endpoint)
        .region(Region::new("us-east-1"))
        .credentials_provider(aws_sdk_s3::config::Credentials::new(
            "test", "test", None, None, "static",
        ))
        .load()
        .await
}

/// A path-style S3 client for `endpoint`.
pub async fn s3_client_for(endpoint: &str) -> aws_sdk_s3::Client {
    let conf = aws_sdk_s3::config::Builder::from(&sdk_config_for(endpoint).await)
        .force_path_style(true)
        .build();
    aws_sdk_s3::Client::from_conf(conf)
}
