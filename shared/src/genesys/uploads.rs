//! `/api/v2/uploads/recordings` and `/api/v2/recording/uploads/reports`.
//!
//! The presigned PUT itself goes to a storage host, not to Genesys; the recordings use case does it
//! (with no bearer token, and only to hosts the configuration allows).

use reqwest::Method;

use super::error::GenesysError;
use super::http::{Call, GenesysClient};
use super::model::{
    RecordingUploadReport, RecordingUploadReportRequest, UploadUrlRequest, UploadUrlResponse,
};
use super::seg;
use crate::deadline::Deadline;

impl GenesysClient {
    /// Asks for a presigned URL to upload one recording to.
    ///
    /// # Errors
    /// The call's error.
    pub async fn request_recording_upload(
        &self,
        body: &UploadUrlRequest,
        deadline: Deadline,
    ) -> Result<UploadUrlResponse, GenesysError> {
        self.send_json(
            Call::new(Method::POST, "/api/v2/uploads/recordings").json(body)?,
            deadline,
        )
        .await
    }

    /// Starts an upload report.
    ///
    /// # Errors
    /// The call's error.
    pub async fn create_upload_report(
        &self,
        body: &RecordingUploadReportRequest,
        deadline: Deadline,
    ) -> Result<RecordingUploadReport, GenesysError> {
        self.send_json(
            Call::new(Method::POST, "/api/v2/recording/uploads/reports").json(body)?,
            deadline,
        )
        .await
    }

    /// Reads an upload report's state.
    ///
    /// # Errors
    /// The call's error.
    pub async fn upload_report(
        &self,
        report_id: &str,
        deadline: Deadline,
    ) -> Result<RecordingUploadReport, GenesysError> {
        let path = format!("/api/v2/recording/uploads/reports/{}", seg(report_id));
        self.send_json(Call::new(Method::GET, &path), deadline)
            .await
    }
}
