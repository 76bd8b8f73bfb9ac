//! `/api/v2/events/*`: batch injection of presence, routing status and conversation events.

use reqwest::Method;

use super::error::GenesysError;
use super::http::{Call, GenesysClient};
use super::model::{
    BatchConversationEventRequest, BatchEventResponse, BatchUserPresenceEventRequest,
    BatchUserRoutingStatusEventRequest,
};
use crate::deadline::Deadline;

impl GenesysClient {
    /// Sends a batch of user presence events.
    ///
    /// # Errors
    /// The call's error; per-event errors come back inside the `Ok` response.
    pub async fn send_presence_events(
        &self,
        batch: &BatchUserPresenceEventRequest,
        deadline: Deadline,
    ) -> Result<BatchEventResponse, GenesysError> {
        self.send_batch("/api/v2/events/users/presence", batch, deadline)
            .await
    }

    /// Sends a batch of user routing status events.
    ///
    /// # Errors
    /// The call's error; per-event errors come back inside the `Ok` response.
    pub async fn send_routing_status_events(
        &self,
        batch: &BatchUserRoutingStatusEventRequest,
        deadline: Deadline,
    ) -> Result<BatchEventResponse, GenesysError> {
        self.send_batch("/api/v2/events/users/routingstatus", batch, deadline)
            .await
    }

    /// Sends a batch of conversation events.
    ///
    /// # Errors
    /// The call's error; per-event errors come back inside the `Ok` response.
    pub async fn send_conversation_events(
        &self,
        batch: &BatchConversationEventRequest,
        deadline: Deadline,
    ) -> Result<BatchEventResponse, GenesysError> {
        self.send_batch("/api/v2/events/conversations", batch, deadline)
            .await
    }

    async fn send_batch<B: serde::Serialize>(
        &self,
        path: &str,
        batch: &B,
        deadline: Deadline,
    ) -> Result<BatchEventResponse, GenesysError> {
        let response: Option<BatchEventResponse> = self
            .send_json(Call::new(Method::POST, path).json(batch)?, deadline)
            .await?;
        Ok(response.unwrap_or_default())
    }
}
