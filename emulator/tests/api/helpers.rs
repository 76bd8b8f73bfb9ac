//! Test helpers: an emulator started per test with a token, JSON request shortcuts and
//! fixtures that create the objects most tests need.

use genesys_emulator::{EmulatorConfig, EmulatorHandle, start};
use serde_json::{Value, json};

/// A running emulator and a client holding a valid token.
pub struct TestOrg {
    pub base: String,
    pub handle: EmulatorHandle,
    pub http: reqwest::Client,
    pub token: String,
}

/// A response: status and JSON body (`Value::Null` when empty or not JSON).
pub struct Reply {
    pub status: u16,
    pub body: Value,
    pub headers: reqwest::header::HeaderMap,
}

impl Reply {
    /// The `details[].fieldName` values of an error body.
    pub fn fields(&self) -> Vec<String> {
        self.body["details"]
            .as_array()
            .map(|d| {
                d.iter()
                    .filter_map(|x| x["fieldName"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }
}

pub async fn token(
    http: &reqwest::Client,
    base: &str,
    id: &str,
    secret: &str,
) -> reqwest::Response {
    http.post(format!("{base}/oauth/token"))
        .basic_auth(id, Some(secret))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials")
        .send()
        .await
        .unwrap()
}

impl TestOrg {
    pub async fn start() -> TestOrg {
        Self::start_with(EmulatorConfig::default()).await
    }

    pub async fn start_with(config: EmulatorConfig) -> TestOrg {
        let (id, secret) = (config.client_id.clone(), config.client_secret.clone());
        let (base, handle) = start(config).await.unwrap();
        let http = reqwest::Client::new();
        let reply: Value = token(&http, &base, &id, &secret)
            .await
            .json()
            .await
            .unwrap();
        let token = reply["access_token"].as_str().unwrap().to_owned();
        TestOrg {
            base,
            handle,
            http,
            token,
        }
    }

    pub async fn send(&self, method: &str, path: &str, body: Option<Value>) -> Reply {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply {
            status,
            body,
            headers,
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send("GET", path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.send("POST", path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Reply {
        self.send("PUT", path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Reply {
        self.send("PATCH", path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.send("DELETE", path, None).await
    }

    pub async fn home_division(&self) -> String {
        self.get("/api/v2/authorization/divisions/home").await.body["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Creates a user; returns its JSON.
    pub async fn user(&self, name: &str, email: &str) -> Value {
        let division = self.home_division().await;
        let reply = self
            .post(
                "/api/v2/users",
                json!({"name": name, "email": email, "divisionId": division}),
            )
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        reply.body
    }

    pub async fn user_id(&self, name: &str, email: &str) -> String {
        self.user(name, email).await["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    pub async fn create(&self, path: &str, body: Value) -> String {
        let reply = self.post(path, body).await;
        assert_eq!(reply.status, 200, "{path}: {}", reply.body);
        reply.body["id"].as_str().unwrap().to_owned()
    }

    pub async fn source(&self) -> String {
        self.create(
            "/api/v2/presence/sources",
            json!({"name": "External platform"}),
        )
        .await
    }

    /// The id of a system presence definition (e.g. `Available`).
    pub async fn system_definition(&self, presence: &str) -> String {
        let list = self.get("/api/v2/presence/definitions").await.body;
        list["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["type"] == "System" && d["systemPresence"] == presence)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}

pub fn uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}
