//! Recording injection: `POST /uploads/recordings` issues a signed, expiring PUT URL on the
//! emulator's own listener with the headers the PUT must carry; upload reports
//! (`POST/GET /recording/uploads/reports`) list uploads and their status.

use axum::extract::{Path, State};
use axum::response::Response;
use chrono::Duration;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::common::ok;
use crate::app::App;
use crate::error::{ApiError, ApiResult};
use crate::extract::ContractBody;
use crate::ids::{fmt_time, new_id, now, parse_time};
use crate::signing::sign;
use crate::state::uploads::{Report, Upload, UploadStatus};

/// Characters Genesys refuses in a recording file name (besides whitespace).
const FORBIDDEN: &str = "\\{^}%`]\">[~<#|";

/// The `UploadUrlRequest` body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadUrlBody {
    #[serde(default)]
    file_name: Option<String>,
    #[serde(default)]
    content_md5: Option<String>,
    #[serde(default)]
    signed_url_timeout_seconds: Option<i64>,
    #[serde(default)]
    content_type: Option<String>,
    #[serde(default)]
    server_side_encryption: Option<String>,
}

fn check_file_name(name: Option<&str>) -> ApiResult<String> {
    let name = name.ok_or_else(|| ApiError::bad_field("fileName", "fileName is required"))?;
    let bad = name.is_empty()
        || name.starts_with('.')
        || name.ends_with('/')
        || name
            .chars()
            .any(|c| c.is_whitespace() || FORBIDDEN.contains(c));
    if bad {
        return Err(ApiError::bad_field(
            "fileName",
            "fileName must not start with a dot or end with a slash, and must not contain whitespace or \\{^}%`]\">[~<#|",
        ));
    }
    Ok(name.to_owned())
}

/// `POST /api/v2/uploads/recordings`.
pub async fn upload_url(
    State(app): State<App>,
    ContractBody(body): ContractBody<UploadUrlBody>,
) -> ApiResult<Response> {
    let file_name = check_file_name(body.file_name.as_deref())?;
    let ttl = body
        .signed_url_timeout_seconds
        .unwrap_or(app.config.upload_url_ttl_secs as i64);
    if !(1..=604_800).contains(&ttl) {
        return Err(ApiError::bad_field(
            "signedUrlTimeoutSeconds",
            "signedUrlTimeoutSeconds must be from 1 to 604800",
        ));
    }
    let mut headers = Vec::new();
    let mut shown = Map::new();
    for (name, shown_name, value) in [
        ("content-type", "Content-Type", body.content_type),
        ("content-md5", "Content-MD5", body.content_md5),
        (
            "x-amz-server-side-encryption",
            "x-amz-server-side-encryption",
            body.server_side_encryption,
        ),
    ] {
        if let Some(value) = value {
            headers.push((name.to_owned(), value.clone()));
            shown.insert(shown_name.into(), json!(value));
        }
    }
    let id = new_id();
    let created = now();
    let expires_at = created + Duration::seconds(ttl);
    let mut org = app.org();
    let upload_key = format!("{}/recordings/{id}/{file_name}", org.organization.id);
    let signature = sign(
        &app.signing_key,
        "PUT",
        &id,
        expires_at.timestamp(),
        &headers,
    );
    let url = format!(
        "{}/__uploads/{id}/{}?expires={}&signature={signature}",
        app.base_url,
        utf8_percent_encode(&file_name, NON_ALPHANUMERIC),
        expires_at.timestamp()
    );
    org.uploads.insert(Upload {
        id,
        upload_key: upload_key.clone(),
        file_name,
        required_headers: headers,
        expires_at,
        created_at: created,
        status: UploadStatus::Pending,
        uploaded_at: None,
        size_bytes: None,
        md5_base64: None,
        sha256_hex: None,
        conversation_id: None,
        communication_id: None,
        recording_id: None,
        failure_reason: None,
    });
    ok(json!({"url": url, "uploadKey": upload_key, "headers": shown}))
}

/// The `RecordingUploadReportRequest` body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportBody {
    date_since: String,
    #[serde(default)]
    upload_status: Option<String>,
}

fn report_json(app: &App, report: &Report) -> Value {
    let mut out = json!({
        "id": report.id,
        "name": format!("Recording upload report since {}", fmt_time(&report.date_since)),
        "state": if report.polled { "Completed" } else { "InProgress" },
        "selfUri": format!("/api/v2/recording/uploads/reports/{}", report.id),
    });
    if report.polled {
        let expires =
            (now() + Duration::seconds(app.config.upload_url_ttl_secs as i64)).timestamp();
        let signature = sign(&app.signing_key, "GET", &report.id, expires, &[]);
        out["signedUrl"] = json!(format!(
            "{}/__reports/{}?expires={expires}&signature={signature}",
            app.base_url, report.id
        ));
    }
    out
}

/// `POST /api/v2/recording/uploads/reports`: computed now, `InProgress` until first polled.
pub async fn create_report(
    State(app): State<App>,
    ContractBody(body): ContractBody<ReportBody>,
) -> ApiResult<Response> {
    let since = parse_time(&body.date_since)
        .ok_or_else(|| ApiError::bad_field("dateSince", "dateSince is not a date-time"))?;
    let mut org = app.org();
    let rows: Vec<Value> = org
        .uploads
        .values()
        .filter(|u| u.created_at >= since)
        .filter(|u| {
            body.upload_status
                .as_deref()
                .is_none_or(|s| s == u.status.as_str())
        })
        .map(Upload::report_row)
        .collect();
    let report = Report {
        id: new_id(),
        date_since: since,
        upload_status: body.upload_status,
        created_at: now(),
        polled: false,
        rows,
    };
    let rendered = report_json(&app, &report);
    org.reports.insert(report);
    ok(rendered)
}

/// `GET /api/v2/recording/uploads/reports/{reportId}`.
pub async fn get_report(State(app): State<App>, Path(id): Path<String>) -> ApiResult<Response> {
    let mut org = app.org();
    let report = org
        .reports
        .get_mut(&id)
        .ok_or_else(|| ApiError::not_found(format!("report {id} not found")))?;
    report.polled = true;
    let report = report.clone();
    ok(report_json(&app, &report))
}
