//! `/api/v2/authorization/divisions`: divisions (business units) and moving objects into them.

use reqwest::Method;

use super::error::GenesysError;
use super::http::{Call, GenesysClient};
use super::model::Division;
use super::routing::ROUTING_PAGE_SIZE;
use super::seg;
use crate::deadline::Deadline;

/// Object types exsync moves into a division (a queue moves by its own PUT).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DivisionObjectType {
    /// users
    User,
}

impl DivisionObjectType {
    fn as_str(self) -> &'static str {
        match self {
            Self::User => "USER",
        }
    }
}

impl GenesysClient {
    /// Every division, all pages.
    ///
    /// # Errors
    /// The call's error or a truncated listing.
    pub async fn list_divisions(&self, deadline: Deadline) -> Result<Vec<Division>, GenesysError> {
        self.list_all(
            "/api/v2/authorization/divisions",
            &[],
            ROUTING_PAGE_SIZE,
            deadline,
        )
        .await
    }

    /// The org's home division.
    ///
    /// # Errors
    /// The call's error.
    pub async fn home_division(&self, deadline: Deadline) -> Result<Division, GenesysError> {
        self.send_json(
            Call::new(Method::GET, "/api/v2/authorization/divisions/home"),
            deadline,
        )
        .await
    }

    /// Creates a division.
    ///
    /// # Errors
    /// The call's error.
    pub async fn create_division(
        &self,
        body: &Division,
        deadline: Deadline,
    ) -> Result<Division, GenesysError> {
        self.send_json(
            Call::new(Method::POST, "/api/v2/authorization/divisions").json(body)?,
            deadline,
        )
        .await
    }

    /// Replaces a division's name and description.
    ///
    /// # Errors
    /// The call's error.
    pub async fn update_division(
        &self,
        division_id: &str,
        body: &Division,
        deadline: Deadline,
    ) -> Result<Division, GenesysError> {
        let path = format!("/api/v2/authorization/divisions/{}", seg(division_id));
        self.send_json(Call::new(Method::PUT, &path).json(body)?, deadline)
            .await
    }

    /// Deletes a (empty) division.
    ///
    /// # Errors
    /// The call's error.
    pub async fn delete_division(
        &self,
        division_id: &str,
        deadline: Deadline,
    ) -> Result<(), GenesysError> {
        let path = format!("/api/v2/authorization/divisions/{}", seg(division_id));
        self.send_unit(Call::new(Method::DELETE, &path), deadline)
            .await
    }

    /// Moves objects of one type into a division.
    ///
    /// # Errors
    /// The call's error.
    pub async fn move_to_division(
        &self,
        division_id: &str,
        object_type: DivisionObjectType,
        ids: &[String],
        deadline: Deadline,
    ) -> Result<(), GenesysError> {
        let path = format!(
            "/api/v2/authorization/divisions/{}/objects/{}",
            seg(division_id),
            object_type.as_str()
        );
        self.send_unit(Call::new(Method::POST, &path).json(ids)?, deadline)
            .await
    }
}
