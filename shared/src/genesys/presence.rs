//! `/api/v2/presence/*` and `/api/v2/systempresences`: definitions, sources and settings.

use reqwest::Method;

use super::error::GenesysError;
use super::http::{Call, GenesysClient};
use super::model::{PresenceDefinition, PresenceSettings, PresenceSource, SystemPresence};
use super::seg;
use crate::deadline::Deadline;

impl GenesysClient {
    /// Every presence definition, system and secondary (unpaged), active and deactivated.
    ///
    /// # Errors
    /// The call's error.
    pub async fn list_presence_definitions(
        &self,
        deadline: Deadline,
    ) -> Result<Vec<PresenceDefinition>, GenesysError> {
        let query = [("localeCode", "ALL".to_owned())];
        self.list_unpaged("/api/v2/presence/definitions", &query, deadline)
            .await
    }

    /// Creates a secondary status.
    ///
    /// # Errors
    /// The call's error.
    pub async fn create_presence_definition(
        &self,
        body: &PresenceDefinition,
        deadline: Deadline,
    ) -> Result<PresenceDefinition, GenesysError> {
        self.send_json(
            Call::new(Method::POST, "/api/v2/presence/definitions").json(body)?,
            deadline,
        )
        .await
    }

    /// Replaces a secondary status.
    ///
    /// # Errors
    /// The call's error.
    pub async fn update_presence_definition(
        &self,
        id: &str,
        body: &PresenceDefinition,
        deadline: Deadline,
    ) -> Result<PresenceDefinition, GenesysError> {
        let path = format!("/api/v2/presence/definitions/{}", seg(id));
        self.send_json(Call::new(Method::PUT, &path).json(body)?, deadline)
            .await
    }

    /// Deletes a secondary status.
    ///
    /// # Errors
    /// The call's error.
    pub async fn delete_presence_definition(
        &self,
        id: &str,
        deadline: Deadline,
    ) -> Result<(), GenesysError> {
        let path = format!("/api/v2/presence/definitions/{}", seg(id));
        self.send_unit(Call::new(Method::DELETE, &path), deadline)
            .await
    }

    /// The system presences.
    ///
    /// # Errors
    /// The call's error.
    pub async fn list_system_presences(
        &self,
        deadline: Deadline,
    ) -> Result<Vec<SystemPresence>, GenesysError> {
        self.send_json(Call::new(Method::GET, "/api/v2/systempresences"), deadline)
            .await
    }

    /// Every presence source (unpaged).
    ///
    /// # Errors
    /// The call's error.
    pub async fn list_presence_sources(
        &self,
        deadline: Deadline,
    ) -> Result<Vec<PresenceSource>, GenesysError> {
        self.list_unpaged("/api/v2/presence/sources", &[], deadline)
            .await
    }

    /// Creates a presence source.
    ///
    /// # Errors
    /// The call's error.
    pub async fn create_presence_source(
        &self,
        body: &PresenceSource,
        deadline: Deadline,
    ) -> Result<PresenceSource, GenesysError> {
        self.send_json(
            Call::new(Method::POST, "/api/v2/presence/sources").json(body)?,
            deadline,
        )
        .await
    }

    /// The org's presence settings.
    ///
    /// # Errors
    /// The call's error.
    pub async fn presence_settings(
        &self,
        deadline: Deadline,
    ) -> Result<PresenceSettings, GenesysError> {
        self.send_json(
            Call::new(Method::GET, "/api/v2/presence/settings"),
            deadline,
        )
        .await
    }

    /// Replaces the org's presence settings.
    ///
    /// # Errors
    /// The call's error.
    pub async fn update_presence_settings(
        &self,
        body: &PresenceSettings,
        deadline: Deadline,
    ) -> Result<PresenceSettings, GenesysError> {
        self.send_json(
            Call::new(Method::PUT, "/api/v2/presence/settings").json(body)?,
            deadline,
        )
        .await
    }
}
