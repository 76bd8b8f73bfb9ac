//! `/api/v2/presence/*` and `/api/v2/systempresences`: definitions, sources, settings, primary
//! source, and the read side of user presence and routing status.

use reqwest::Method;

use super::error::GenesysError;
use super::http::{Call, GenesysClient};
use super::model::{
    PresenceDefinition, PresenceSettings, PresenceSource, SystemPresence, UserPresence,
    UserPrimarySource, UserRoutingStatus,
};
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

    /// Replaces a presence source.
    ///
    /// # Errors
    /// The call's error.
    pub async fn update_presence_source(
        &self,
        id: &str,
        body: &PresenceSource,
        deadline: Deadline,
    ) -> Result<PresenceSource, GenesysError> {
        let path = format!("/api/v2/presence/sources/{}", seg(id));
        self.send_json(Call::new(Method::PUT, &path).json(body)?, deadline)
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

    /// A user's primary presence source.
    ///
    /// # Errors
    /// The call's error.
    pub async fn user_primary_source(
        &self,
        user_id: &str,
        deadline: Deadline,
    ) -> Result<UserPrimarySource, GenesysError> {
        let path = format!("/api/v2/presence/users/{}/primarysource", seg(user_id));
        self.send_json(Call::new(Method::GET, &path), deadline)
            .await
    }

    /// Sets a user's primary presence source.
    ///
    /// # Errors
    /// The call's error.
    pub async fn set_user_primary_source(
        &self,
        user_id: &str,
        source_id: &str,
        deadline: Deadline,
    ) -> Result<UserPrimarySource, GenesysError> {
        let path = format!("/api/v2/presence/users/{}/primarysource", seg(user_id));
        let body = UserPrimarySource {
            source_id: Some(source_id.to_owned()),
            registered: None,
        };
        self.send_json(Call::new(Method::PUT, &path).json(&body)?, deadline)
            .await
    }

    /// A user's presence as one source set it.
    ///
    /// # Errors
    /// The call's error.
    pub async fn user_presence(
        &self,
        user_id: &str,
        source_id: &str,
        deadline: Deadline,
    ) -> Result<UserPresence, GenesysError> {
        let path = format!(
            "/api/v2/users/{}/presences/{}",
            seg(user_id),
            seg(source_id)
        );
        self.send_json(Call::new(Method::GET, &path), deadline)
            .await
    }

    /// A user's routing status (native UPPER_SNAKE values).
    ///
    /// # Errors
    /// The call's error.
    pub async fn user_routing_status(
        &self,
        user_id: &str,
        deadline: Deadline,
    ) -> Result<UserRoutingStatus, GenesysError> {
        let path = format!("/api/v2/users/{}/routingstatus", seg(user_id));
        self.send_json(Call::new(Method::GET, &path), deadline)
            .await
    }
}
