//! Running the binary, the examples, and an emulator to point it at.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use genesys_emulator::{EmulatorConfig, EmulatorHandle};

/// The repo's `examples/`.
pub fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples")
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Self {
            code: o.status.code(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// Runs `exsync args…` with only `env` in its environment, from `cwd`, stdin closed.
pub async fn exsync(args: &[&str], env: &[(String, String)], cwd: &Path) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_exsync"));
    command
        .args(args)
        .env_clear()
        .envs(env.iter().cloned())
        .current_dir(cwd)
        .stdin(std::process::Stdio::null());
    // blocking wait off the runtime, so an emulator in this process keeps serving
    tokio::task::spawn_blocking(move || command.output())
        .await
        .unwrap()
        .unwrap()
        .into()
}

/// An emulator on a free port and the environment that points exsync at it.
pub struct Emulator {
    pub handle: EmulatorHandle,
    pub env: Vec<(String, String)>,
}

impl Emulator {
    pub async fn start() -> Self {
        let config = EmulatorConfig::default();
        let (id, secret) = (config.client_id.clone(), config.client_secret.clone());
        let (base, handle) = genesys_emulator::start(config).await.unwrap();
        let base = base.trim_end_matches('/').to_owned();
        let env = [
            ("GENESYS_API_BASE", base.clone()),
            ("GENESYS_LOGIN_BASE", base),
            ("GENESYS_CLIENT_ID", id),
            ("GENESYS_CLIENT_SECRET", secret),
            ("GENESYS_RATE_PER_MINUTE", "60000".to_owned()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        Self { handle, env }
    }

    /// The environment plus `EXSYNC_STATE_URL` for `dir`.
    pub fn env_with_state(&self, dir: &Path) -> Vec<(String, String)> {
        let mut env = self.env.clone();
        env.push((
            "EXSYNC_STATE_URL".into(),
            format!("file://{}", dir.display()),
        ));
        env
    }
}

/// `examples/<rel>` as a string argument.
pub fn example(rel: &str) -> String {
    examples().join(rel).display().to_string()
}
