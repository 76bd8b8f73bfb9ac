//! `/api/v2/conversations/{id}` and its recording metadata: reading back what was injected.

use reqwest::Method;

use super::error::GenesysError;
use super::http::{Call, GenesysClient};
use super::model::{Conversation, RecordingMetadata};
use super::seg;
use crate::deadline::Deadline;

impl GenesysClient {
    /// One conversation, or `None` when Genesys does not know it (yet).
    ///
    /// # Errors
    /// Any error other than 404.
    pub async fn get_conversation(
        &self,
        conversation_id: &str,
        deadline: Deadline,
    ) -> Result<Option<Conversation>, GenesysError> {
        let path = format!("/api/v2/conversations/{}", seg(conversation_id));
        match self
            .send_json(Call::new(Method::GET, &path), deadline)
            .await
        {
            Ok(c) => Ok(Some(c)),
            Err(e) if e.is_not_found() => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The recordings bound to a conversation.
    ///
    /// # Errors
    /// The call's error.
    pub async fn recording_metadata(
        &self,
        conversation_id: &str,
        deadline: Deadline,
    ) -> Result<Vec<RecordingMetadata>, GenesysError> {
        let path = format!(
            "/api/v2/conversations/{}/recordingmetadata",
            seg(conversation_id)
        );
        let list: Option<Vec<RecordingMetadata>> = self
            .send_json(Call::new(Method::GET, &path), deadline)
            .await?;
        Ok(list.unwrap_or_default())
    }
}
