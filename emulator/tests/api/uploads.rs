//! Recording uploads: the signed URL on the emulator's own listener, the PUT's checks, binding
//! by file name (waiting for the conversation when needed) and upload reports.

use base64::Engine;
use md5::Digest;
use serde_json::{Value, json};

use crate::helpers::{TestOrg, uuid};

const AUDIO: &[u8] = b"RIFF....WAVEfmt fake audio bytes";

fn md5_b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(md5::Md5::digest(bytes))
}

async fn upload_url(org: &TestOrg, file_name: &str) -> Value {
    let reply = org
        .post(
            "/api/v2/uploads/recordings",
            json!({"fileName": file_name, "contentType": "audio/wav",
            "contentMd5": md5_b64(AUDIO), "serverSideEncryption": "AES256"}),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

async fn put(org: &TestOrg, url: &str, headers: &[(&str, &str)], body: &[u8]) -> reqwest::Response {
    let mut request = org.http.put(url).body(body.to_vec());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap()
}

fn headers(upload: &Value) -> Vec<(String, String)> {
    upload["headers"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
        .collect()
}

async fn put_with(
    org: &TestOrg,
    upload: &Value,
    hs: &[(String, String)],
    body: &[u8],
) -> reqwest::Response {
    let refs: Vec<(&str, &str)> = hs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    put(org, upload["url"].as_str().unwrap(), &refs, body).await
}

async fn conversation(org: &TestOrg, conversation: &str, communication: &str) {
    let source = org.source().await;
    let event = json!({"eventId": uuid(), "eventDateTime": "2026-01-01T10:00:00Z", "conversationId": conversation,
        "communicationId": communication, "initialConfiguration": {}, "sourceConfiguration": {"sourceId": source, "interactionId": "x"}});
    let reply = org
        .post(
            "/api/v2/events/conversations",
            json!({"externalEstablishedEvents": [event]}),
        )
        .await;
    assert_eq!(reply.body["errors"], json!([]));
}

#[tokio::test]
async fn the_upload_url_is_on_the_emulator_with_the_headers_to_send() {
    let org = TestOrg::start().await;
    let upload = upload_url(&org, &format!("{}.wav", uuid())).await;
    assert!(
        upload["url"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{}/__uploads/", org.base))
    );
    assert_eq!(upload["headers"]["Content-Type"], "audio/wav");
    assert_eq!(upload["headers"]["Content-MD5"], md5_b64(AUDIO));
    assert_eq!(upload["headers"]["x-amz-server-side-encryption"], "AES256");
}

#[tokio::test]
async fn the_right_put_succeeds_and_binds_to_the_existing_conversation() {
    let org = TestOrg::start().await;
    let (conv, comm) = (uuid(), uuid());
    conversation(&org, &conv, &comm).await;
    let upload = upload_url(&org, &format!("{conv}_{comm}.wav")).await;
    let reply = put_with(&org, &upload, &headers(&upload), AUDIO).await;
    let metadata = org
        .get(&format!("/api/v2/conversations/{conv}/recordingmetadata"))
        .await
        .body;
    let state = org.handle.state_json();
    assert_eq!(reply.status(), 200);
    assert!(reply.headers().contains_key("etag"));
    assert_eq!(metadata.as_array().unwrap().len(), 1);
    assert_eq!(metadata[0]["sessionId"], comm.as_str());
    assert_eq!(state["uploads"][0]["sizeBytes"], AUDIO.len());
    assert_eq!(state["uploads"][0]["status"], "Success");
}

#[tokio::test]
async fn an_upload_before_its_conversation_waits_then_binds() {
    let org = TestOrg::start().await;
    let (conv, comm) = (uuid(), uuid());
    let upload = upload_url(&org, &format!("rec-{conv}-{comm}.wav")).await;
    put_with(&org, &upload, &headers(&upload), AUDIO).await;
    let waiting = org.handle.state_json()["uploads"][0]["status"].clone();
    conversation(&org, &conv, &comm).await;
    let bound = org.handle.state_json()["uploads"][0]["status"].clone();
    assert_eq!(waiting, "WaitForConversation");
    assert_eq!(bound, "Success");
}

#[tokio::test]
async fn a_wrong_header_is_refused() {
    let org = TestOrg::start().await;
    let upload = upload_url(&org, &format!("{}.wav", uuid())).await;
    let mut hs = headers(&upload);
    for (name, value) in &mut hs {
        if name == "Content-Type" {
            *value = "audio/mpeg".into();
        }
    }
    let reply = put_with(&org, &upload, &hs, AUDIO).await;
    assert_eq!(reply.status(), 403);
    assert!(
        reply
            .text()
            .await
            .unwrap()
            .contains("SignatureDoesNotMatch")
    );
}

#[tokio::test]
async fn a_missing_header_is_refused() {
    let org = TestOrg::start().await;
    let upload = upload_url(&org, &format!("{}.wav", uuid())).await;
    let hs: Vec<_> = headers(&upload)
        .into_iter()
        .filter(|(k, _)| k != "x-amz-server-side-encryption")
        .collect();
    assert_eq!(put_with(&org, &upload, &hs, AUDIO).await.status(), 403);
}

#[tokio::test]
async fn a_body_that_does_not_match_content_md5_is_refused() {
    let org = TestOrg::start().await;
    let upload = upload_url(&org, &format!("{}.wav", uuid())).await;
    let reply = put_with(&org, &upload, &headers(&upload), b"other bytes").await;
    assert_eq!(reply.status(), 400);
    assert!(reply.text().await.unwrap().contains("BadDigest"));
}

#[tokio::test]
async fn an_expired_url_is_refused() {
    let org = TestOrg::start().await;
    let reply = org
        .post(
            "/api/v2/uploads/recordings",
            json!({"fileName": "a.wav", "signedUrlTimeoutSeconds": 1}),
        )
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let answer = put(&org, reply.body["url"].as_str().unwrap(), &[], AUDIO).await;
    assert_eq!(answer.status(), 403);
    assert!(answer.text().await.unwrap().contains("expired"));
}

#[tokio::test]
async fn a_tampered_signature_or_expiry_is_refused() {
    let org = TestOrg::start().await;
    let upload = upload_url(&org, &format!("{}.wav", uuid())).await;
    let url = upload["url"].as_str().unwrap();
    let (base, signature) = url.split_once("&signature=").unwrap();
    let flipped = if signature.starts_with('0') { "1" } else { "0" };
    let tampered = format!("{base}&signature={flipped}{}", &signature[1..]);
    let later = url.replacen("expires=", "expires=9", 1);
    let hs = headers(&upload);
    let refs: Vec<(&str, &str)> = hs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(put(&org, &tampered, &refs, AUDIO).await.status(), 403);
    assert_eq!(put(&org, &later, &refs, AUDIO).await.status(), 403);
}

#[tokio::test]
async fn a_file_name_with_forbidden_characters_is_refused() {
    let org = TestOrg::start().await;
    let reply = org
        .post(
            "/api/v2/uploads/recordings",
            json!({"fileName": "bad name.wav"}),
        )
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.fields(), vec!["fileName"]);
}

#[tokio::test]
async fn upload_reports_reflect_uploads_and_complete_on_poll() {
    let org = TestOrg::start().await;
    let upload = upload_url(&org, &format!("{}.wav", uuid())).await;
    put_with(&org, &upload, &headers(&upload), AUDIO).await;
    let created = org
        .post(
            "/api/v2/recording/uploads/reports",
            json!({"dateSince": "2020-01-01T00:00:00Z", "uploadStatus": "WaitForConversation"}),
        )
        .await
        .body;
    let polled = org
        .get(&format!(
            "/api/v2/recording/uploads/reports/{}",
            created["id"].as_str().unwrap()
        ))
        .await
        .body;
    let rows: Value = org
        .http
        .get(polled["signedUrl"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(created["state"], "InProgress");
    assert_eq!(polled["state"], "Completed");
    assert_eq!(rows["uploads"].as_array().unwrap().len(), 1);
    assert_eq!(rows["uploads"][0]["uploadKey"], upload["uploadKey"]);
}

#[tokio::test]
async fn a_large_upload_streams_through_and_is_hashed() {
    let org = TestOrg::start().await;
    let body = vec![7u8; 24 * 1024 * 1024];
    let reply = org
        .post(
            "/api/v2/uploads/recordings",
            json!({"fileName": "big.wav", "contentMd5": md5_b64(&body)}),
        )
        .await
        .body;
    let answer = put_with(&org, &reply, &headers(&reply), &body).await;
    let state = org.handle.state_json();
    assert_eq!(answer.status(), 200);
    assert_eq!(state["uploads"][0]["sizeBytes"], body.len());
    assert_eq!(state["uploads"][0]["md5Base64"], md5_b64(&body));
}
