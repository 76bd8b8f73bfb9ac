//! The emulator's stand-in for S3 presigned URLs. `PUT /__uploads/{id}/{fileName}` (no bearer)
//! checks the signature, the expiry, exactly the headers promised, and `Content-MD5` against the
//! body, which is streamed through MD5 and SHA-256 and never held in memory; then binds the
//! recording to its conversation by file name. `GET /__reports/{id}` serves a report's rows.

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use futures::StreamExt;
use md5::{Digest, Md5};
use sha2::Sha256;

use crate::app::App;
use crate::contract::query::QueryParams;
use crate::ids::{new_id, now, uuids_in};
use crate::signing::{hex, verify};
use crate::state::uploads::UploadStatus;

/// An S3-style XML error.
fn s3_error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message></Error>"
    );
    (status, [(header::CONTENT_TYPE, "application/xml")], body).into_response()
}

/// Checks a presigned URL's query: `expires` and `signature` present, the signature over
/// `method`, `id`, the expiry and `headers`, and the expiry not passed. The S3 error when not.
fn refuse_unsigned(
    app: &App,
    method: &str,
    id: &str,
    raw: Option<&str>,
    headers: &[(String, String)],
) -> Option<Response> {
    let query = QueryParams::parse(raw);
    let expires = query.get("expires").and_then(|e| e.parse::<i64>().ok());
    let (Some(expires), Some(signature)) = (expires, query.get("signature")) else {
        return Some(s3_error(
            StatusCode::FORBIDDEN,
            "AccessDenied",
            "Query-string authentication requires expires and signature.",
        ));
    };
    if !verify(&app.signing_key, method, id, expires, headers, signature) {
        return Some(s3_error(
            StatusCode::FORBIDDEN,
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided.",
        ));
    }
    if now().timestamp() > expires {
        return Some(s3_error(
            StatusCode::FORBIDDEN,
            "AccessDenied",
            "Request has expired",
        ));
    }
    None
}

/// Checks the headers: each promised one present with its exact value, no unsigned `x-amz-*`.
fn check_headers(headers: &HeaderMap, required: &[(String, String)]) -> Result<(), String> {
    for (name, value) in required {
        match headers.get(name.as_str()).and_then(|v| v.to_str().ok()) {
            Some(sent) if sent == value => {}
            Some(sent) => {
                return Err(format!(
                    "header {name} is \"{sent}\", the URL was signed for \"{value}\""
                ));
            }
            None => {
                return Err(format!(
                    "header {name} is missing; the URL was signed with it"
                ));
            }
        }
    }
    for name in headers.keys() {
        let name = name.as_str();
        let is_signed = required.iter().any(|(n, _)| n == name);
        if !is_signed && (name.starts_with("x-amz-") || name == "content-md5") {
            return Err(format!("header {name} was not signed"));
        }
    }
    Ok(())
}

/// `PUT /__uploads/{uploadId}/{fileName}?expires=..&signature=..`.
pub async fn put_upload(
    State(app): State<App>,
    Path((upload_id, _file_name)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let upload = app.org().uploads.get(&upload_id).cloned();
    let Some(upload) = upload else {
        return s3_error(
            StatusCode::NOT_FOUND,
            "NoSuchUpload",
            "The specified upload does not exist.",
        );
    };
    let refused = refuse_unsigned(
        &app,
        "PUT",
        &upload_id,
        raw.as_deref(),
        &upload.required_headers,
    );
    if let Some(refused) = refused {
        return refused;
    }
    if let Err(message) = check_headers(&headers, &upload.required_headers) {
        return s3_error(StatusCode::FORBIDDEN, "SignatureDoesNotMatch", &message);
    }
    let expected_md5 = match headers
        .get("content-md5")
        .map(|v| v.to_str().unwrap_or_default())
    {
        Some(text) => match base64::engine::general_purpose::STANDARD.decode(text) {
            Ok(bytes) if bytes.len() == 16 => Some(bytes),
            _ => {
                return s3_error(
                    StatusCode::BAD_REQUEST,
                    "InvalidDigest",
                    "The Content-MD5 you specified is not valid.",
                );
            }
        },
        None => None,
    };
    let mut md5 = Md5::new();
    let mut sha = Sha256::new();
    let mut size: u64 = 0;
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let Ok(chunk) = chunk else {
            return s3_error(
                StatusCode::BAD_REQUEST,
                "IncompleteBody",
                "The request body was cut short.",
            );
        };
        md5.update(&chunk);
        sha.update(&chunk);
        size += chunk.len() as u64;
    }
    let md5 = md5.finalize();
    if expected_md5.as_deref().is_some_and(|e| e != md5.as_slice()) {
        return s3_error(
            StatusCode::BAD_REQUEST,
            "BadDigest",
            "The Content-MD5 you specified did not match what we received.",
        );
    }
    let etag = format!("\"{}\"", hex(&md5));
    record_upload(
        &app,
        &upload_id,
        size,
        md5.as_slice(),
        &hex(&sha.finalize()),
    );
    let mut response = StatusCode::OK.into_response();
    if let Ok(value) = HeaderValue::from_str(&etag) {
        response.headers_mut().insert(header::ETAG, value);
    }
    response
}

fn record_upload(app: &App, upload_id: &str, size: u64, md5: &[u8], sha256: &str) {
    let mut org = app.org();
    let conversation_exists = |id: &str| org.conversations.contains(id);
    let Some(file_name) = org.uploads.get(upload_id).map(|u| u.file_name.clone()) else {
        return;
    };
    let ids = uuids_in(&file_name);
    let conversation_id = ids.first().cloned();
    let status = match &conversation_id {
        None => UploadStatus::Failure,
        Some(id) if conversation_exists(id) => UploadStatus::Success,
        Some(_) => UploadStatus::WaitForConversation,
    };
    if let Some(upload) = org.uploads.get_mut(upload_id) {
        upload.size_bytes = Some(size);
        upload.md5_base64 = Some(base64::engine::general_purpose::STANDARD.encode(md5));
        upload.sha256_hex = Some(sha256.to_owned());
        upload.uploaded_at = Some(now());
        upload.conversation_id = conversation_id;
        upload.communication_id = ids.get(1).cloned();
        upload.status = status;
        upload.recording_id = (status == UploadStatus::Success).then(new_id);
        upload.failure_reason = (status == UploadStatus::Failure)
            .then(|| "the file name carries no conversation id".to_owned());
    }
}

/// `GET /__reports/{reportId}?expires=..&signature=..`: the report rows as JSON.
pub async fn get_report(
    State(app): State<App>,
    Path(report_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    if let Some(refused) = refuse_unsigned(&app, "GET", &report_id, raw.as_deref(), &[]) {
        return refused;
    }
    match app.org().reports.get(&report_id) {
        Some(report) => {
            Json(serde_json::json!({"reportId": report.id, "uploads": report.rows})).into_response()
        }
        None => s3_error(
            StatusCode::NOT_FOUND,
            "NoSuchKey",
            "The specified key does not exist.",
        ),
    }
}
