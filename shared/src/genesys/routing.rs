//! `/api/v2/routing/skills` and `/api/v2/routing/languages`: immutable names, create and delete.

use reqwest::Method;

use super::error::GenesysError;
use super::http::{Call, GenesysClient};
use super::model::{CreateRoutingSkill, Language, RoutingSkill};
use super::seg;
use crate::deadline::Deadline;

/// Page size for routing listings.
pub const ROUTING_PAGE_SIZE: u32 = 100;

impl GenesysClient {
    /// Every skill, all pages.
    ///
    /// # Errors
    /// The call's error or a truncated listing.
    pub async fn list_skills(&self, deadline: Deadline) -> Result<Vec<RoutingSkill>, GenesysError> {
        self.list_all("/api/v2/routing/skills", &[], ROUTING_PAGE_SIZE, deadline)
            .await
    }

    /// Creates a skill.
    ///
    /// # Errors
    /// The call's error.
    pub async fn create_skill(
        &self,
        body: &CreateRoutingSkill,
        deadline: Deadline,
    ) -> Result<RoutingSkill, GenesysError> {
        self.send_json(
            Call::new(Method::POST, "/api/v2/routing/skills").json(body)?,
            deadline,
        )
        .await
    }

    /// Moves a skill to another division (the only change Genesys allows on a skill).
    ///
    /// # Errors
    /// The call's error.
    pub async fn set_skill_division(
        &self,
        skill_id: &str,
        division_id: &str,
        deadline: Deadline,
    ) -> Result<RoutingSkill, GenesysError> {
        let path = format!("/api/v2/routing/skills/{}", seg(skill_id));
        let body = serde_json::json!({ "divisionId": division_id });
        self.send_json(Call::new(Method::PATCH, &path).json(&body)?, deadline)
            .await
    }

    /// Deletes a skill.
    ///
    /// # Errors
    /// The call's error.
    pub async fn delete_skill(
        &self,
        skill_id: &str,
        deadline: Deadline,
    ) -> Result<(), GenesysError> {
        let path = format!("/api/v2/routing/skills/{}", seg(skill_id));
        self.send_unit(Call::new(Method::DELETE, &path), deadline)
            .await
    }

    /// Every language, all pages.
    ///
    /// # Errors
    /// The call's error or a truncated listing.
    pub async fn list_languages(&self, deadline: Deadline) -> Result<Vec<Language>, GenesysError> {
        self.list_all(
            "/api/v2/routing/languages",
            &[],
            ROUTING_PAGE_SIZE,
            deadline,
        )
        .await
    }

    /// Creates a language.
    ///
    /// # Errors
    /// The call's error.
    pub async fn create_language(
        &self,
        name: &str,
        deadline: Deadline,
    ) -> Result<Language, GenesysError> {
        let body = Language {
            id: None,
            name: name.to_owned(),
            state: None,
        };
        self.send_json(
            Call::new(Method::POST, "/api/v2/routing/languages").json(&body)?,
            deadline,
        )
        .await
    }

    /// Deletes a language.
    ///
    /// # Errors
    /// The call's error.
    pub async fn delete_language(
        &self,
        language_id: &str,
        deadline: Deadline,
    ) -> Result<(), GenesysError> {
        let path = format!("/api/v2/routing/languages/{}", seg(language_id));
        self.send_unit(Call::new(Method::DELETE, &path), deadline)
            .await
    }
}
